package dev.parley.store;

/**
 * A channel as /api/channels shows it, plus {@code lastSeq}: the seq of its newest message, and {@code archivedAt}:
 * when it was archived (read-only, left out of lists by default), or null.
 *
 * @param channelType {@code group}, {@code dm} or {@code broadcast}
 */
public record Channel(String channelId, String name, String channelType, String createdBy, String topic,
                      boolean isPrivate, String createdAt, String lastActivity, long lastSeq, String archivedAt) {
    /** A live (not archived) channel. */
    public Channel(String channelId, String name, String channelType, String createdBy, String topic,
                   boolean isPrivate, String createdAt, String lastActivity, long lastSeq) {
        this(channelId, name, channelType, createdBy, topic, isPrivate, createdAt, lastActivity, lastSeq, null);
    }

    /** Whether the channel is archived: read-only. */
    public boolean archived() {
        return archivedAt != null;
    }
}
