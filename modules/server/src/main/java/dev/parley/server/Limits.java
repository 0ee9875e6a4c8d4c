package dev.parley.server;

import dev.parley.server.auth.ProofThrottle;

/**
 * What one client may send, how far a slow one may fall behind, and how many connections one
 * address may hold. Every frame limit answers with a specific error code; connections are closed
 * only for a full outbound queue, a missed auth deadline or an address over its cap.
 *
 * @param maxFrameChars             largest text frame handled (bigger ones get {@code too_large}); Jetty
 *                                  drops frames over 4x this at the transport
 * @param maxBodyChars              largest message body
 * @param maxMetadataChars          largest metadata object, as JSON text
 * @param maxRequestBytes           largest REST body
 * @param ratePerSecond             frames per second per connection, on average (0: unlimited)
 * @param rateBurst                 frames a connection may send at once above the average
 * @param outboundQueue             frames a session may have waiting before it is closed as too slow
 * @param authTimeoutMillis         how long a socket may stay unauthenticated before it is closed (1008)
 * @param headerTimeoutMillis       how long a new HTTP connection may take to send its first request's headers
 * @param unauthenticatedPerAddress sockets one remote address may hold before they authenticate
 * @param connectionsPerAddress     sockets one remote address may hold in all
 * @param loopbackConnections       both caps above for peers on this machine: a benchmark, the tests, or a
 *                                  reverse proxy all connect from loopback, so its cap is a separate, higher one
 * @param typingIntervalMillis      at most one {@code typing} fan-out per participant and channel in this time
 * @param proofs                    how many wrong keys and hub tokens a connection and an address may try
 */
public record Limits(int maxFrameChars, int maxBodyChars, int maxMetadataChars, long maxRequestBytes,
                     double ratePerSecond, double rateBurst, int outboundQueue,
                     long authTimeoutMillis, long headerTimeoutMillis, int unauthenticatedPerAddress,
                     int connectionsPerAddress, int loopbackConnections, long typingIntervalMillis,
                     ProofThrottle.Policy proofs) {

    public static final long DEFAULT_AUTH_TIMEOUT_MILLIS = 10_000;
    public static final long DEFAULT_HEADER_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_UNAUTHENTICATED_PER_ADDRESS = 64;
    public static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 1_000;
    /** Twice the 10,000 clients {@code parley bench} opens from one machine. */
    public static final int DEFAULT_LOOPBACK_CONNECTIONS = 20_000;
    public static final long DEFAULT_TYPING_INTERVAL_MILLIS = 2_000;

    /** Generous enough for machine-speed agents on a LAN; stricter values are configuration. */
    public static final Limits DEFAULTS = new Limits(64 * 1024, 32 * 1024, 16 * 1024, 256 * 1024,
            10_000, 20_000, 20_000);

    /** Frame and queue limits, with the default connection limits. */
    public Limits(int maxFrameChars, int maxBodyChars, int maxMetadataChars, long maxRequestBytes,
                  double ratePerSecond, double rateBurst, int outboundQueue) {
        this(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst, outboundQueue,
                DEFAULT_AUTH_TIMEOUT_MILLIS, DEFAULT_HEADER_TIMEOUT_MILLIS, DEFAULT_UNAUTHENTICATED_PER_ADDRESS,
                DEFAULT_CONNECTIONS_PER_ADDRESS, DEFAULT_LOOPBACK_CONNECTIONS, DEFAULT_TYPING_INTERVAL_MILLIS,
                ProofThrottle.Policy.DEFAULTS);
    }

    /** These limits with other deadlines for authenticating (sockets) and sending headers (HTTP). */
    public Limits withDeadlines(long authTimeoutMillis, long headerTimeoutMillis) {
        return new Limits(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst,
                outboundQueue, authTimeoutMillis, headerTimeoutMillis, unauthenticatedPerAddress,
                connectionsPerAddress, loopbackConnections, typingIntervalMillis, proofs);
    }

    /** These limits with other per-address connection caps. */
    public Limits withAddressCaps(int unauthenticatedPerAddress, int connectionsPerAddress, int loopbackConnections) {
        return new Limits(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst,
                outboundQueue, authTimeoutMillis, headerTimeoutMillis, unauthenticatedPerAddress,
                connectionsPerAddress, loopbackConnections, typingIntervalMillis, proofs);
    }

    /** These limits with another typing interval. */
    public Limits withTypingInterval(long typingIntervalMillis) {
        return new Limits(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst,
                outboundQueue, authTimeoutMillis, headerTimeoutMillis, unauthenticatedPerAddress,
                connectionsPerAddress, loopbackConnections, typingIntervalMillis, proofs);
    }

    /** These limits with another proof throttle. */
    public Limits withProofs(ProofThrottle.Policy policy) {
        return new Limits(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst,
                outboundQueue, authTimeoutMillis, headerTimeoutMillis, unauthenticatedPerAddress,
                connectionsPerAddress, loopbackConnections, typingIntervalMillis, policy);
    }
}
