package dev.parley.store;

import java.util.List;

/**
 * What {@link Messages#react} did.
 *
 * @param message   the message reacted to
 * @param added     whether the emoji is now there (false: removed, or was not there)
 * @param changed   whether anything changed (adding an emoji twice, or removing one that is not there, does not)
 * @param reactions the message's reactions after the change, oldest first
 */
public record ReactionChange(StoredMessage message, boolean added, boolean changed, List<Reaction> reactions) {
    public ReactionChange {
        reactions = List.copyOf(reactions);
    }
}
