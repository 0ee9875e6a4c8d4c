package dev.parley.store;

import java.util.Objects;

/**
 * A place in a participant's pending messages, which are ordered by channel id, then seq. Page on
 * with the position of the last message of the previous page.
 */
public record PendingPosition(String channelId, long seq) {
    /** Before the first pending message. */
    public static final PendingPosition START = new PendingPosition("", 0);

    public PendingPosition {
        Objects.requireNonNull(channelId, "channelId");
    }

    /** The position just after this message. */
    public static PendingPosition after(StoredMessage message) {
        return new PendingPosition(message.channelId(), message.seq());
    }
}
