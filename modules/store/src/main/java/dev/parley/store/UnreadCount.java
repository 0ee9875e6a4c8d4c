package dev.parley.store;

/** How many messages of one channel a participant has not read. */
public record UnreadCount(String channelId, String channelName, long unread, long mentions) {
    /** A count without mentions. */
    public UnreadCount(String channelId, String channelName, long unread) {
        this(channelId, channelName, unread, 0);
    }
}
