package dev.parley.client;

/**
 * How many messages this client has not read in one channel.
 *
 * @param channelId   the channel's id
 * @param channelName the channel's name
 * @param unread      the count
 */
public record Unread(String channelId, String channelName, long unread, long mentions) {
    /** A count without mentions (a hub that does not count them). */
    public Unread(String channelId, String channelName, long unread) {
        this(channelId, channelName, unread, 0);
    }
}
