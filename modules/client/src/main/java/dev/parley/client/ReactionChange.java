package dev.parley.client;

import java.util.List;
import java.util.Map;

/**
 * What a reaction call did, as the hub answered it.
 *
 * @param messageId the message reacted to
 * @param emoji     the reaction, as the hub stored it
 * @param added     true when the call added it, false when it removed it
 * @param changed   false when nothing changed (it was already there, or already gone)
 * @param reactions the message's reactions now: emoji to the participants who reacted with it, in order
 */
public record ReactionChange(String messageId, String emoji, boolean added, boolean changed,
                             Map<String, List<String>> reactions) {}
