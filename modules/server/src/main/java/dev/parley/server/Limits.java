package dev.parley.server;

import dev.parley.server.auth.ProofThrottle;

/**
 * What one client may send, and how far a slow one may fall behind. Every limit answers with a
 * specific error code; none closes a connection except a full outbound queue.
 *
 * @param maxFrameChars    largest text frame handled (bigger ones get {@code too_large}); Jetty
 *                         drops frames over 4x this at the transport
 * @param maxBodyChars     largest message body
 * @param maxMetadataChars largest metadata object, as JSON text
 * @param maxRequestBytes  largest REST body
 * @param ratePerSecond    frames per second per connection, on average (0: unlimited)
 * @param rateBurst        frames a connection may send at once above the average
 * @param outboundQueue    frames a session may have waiting before it is closed as too slow
 * @param proofs           how many wrong keys and hub tokens a connection and an address may try
 */
public record Limits(int maxFrameChars, int maxBodyChars, int maxMetadataChars, long maxRequestBytes,
                     double ratePerSecond, double rateBurst, int outboundQueue, ProofThrottle.Policy proofs) {

    /** Generous enough for machine-speed agents on a LAN; stricter values are configuration. */
    public static final Limits DEFAULTS = new Limits(64 * 1024, 32 * 1024, 16 * 1024, 256 * 1024,
            10_000, 20_000, 20_000);

    /** Limits with the default proof throttle. */
    public Limits(int maxFrameChars, int maxBodyChars, int maxMetadataChars, long maxRequestBytes,
                  double ratePerSecond, double rateBurst, int outboundQueue) {
        this(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst, outboundQueue,
                ProofThrottle.Policy.DEFAULTS);
    }

    /** These limits with another proof throttle. */
    public Limits withProofs(ProofThrottle.Policy policy) {
        return new Limits(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst,
                outboundQueue, policy);
    }
}
