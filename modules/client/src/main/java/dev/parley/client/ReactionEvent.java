package dev.parley.client;

/**
 * Someone added or removed a reaction on a message in one of this client's channels.
 *
 * @param messageId   the message
 * @param channelId   its channel
 * @param participant who reacted
 * @param emoji       the reaction
 * @param added       true when added, false when removed
 */
public record ReactionEvent(String messageId, String channelId, String participant, String emoji, boolean added)
        implements ParleyEvent {}
