package dev.parley.server.session;

/**
 * Where a session reports that message frames counted as deliveries reached its socket: once per written batch
 * and channel, with the highest seq, instead of once per frame.
 */
@FunctionalInterface
public interface DeliverySink {
    /** Everything up to {@code seq} in a channel was written to one of the participant's sockets. */
    void written(String participant, String channelId, long seq);
}
