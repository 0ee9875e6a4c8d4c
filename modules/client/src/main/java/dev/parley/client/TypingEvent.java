package dev.parley.client;

/**
 * Someone is typing in a channel this client belongs to.
 *
 * @param channelId   the channel's id (null from a hub that does not send it)
 * @param channelName the channel's name
 * @param participant who is typing
 */
public record TypingEvent(String channelId, String channelName, String participant) implements ParleyEvent {}
