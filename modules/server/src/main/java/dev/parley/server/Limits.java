package dev.parley.server;

import dev.parley.server.auth.ProofThrottle;
import dev.parley.store.AttachmentContent;
import dev.parley.store.WriteQueue;

/**
 * What one client may send, how far a slow one may fall behind, how much memory queues may hold,
 * and how many connections one address may hold. Every frame limit answers with a specific error
 * code; connections are closed only for a full outbound queue, a missed auth deadline, too many
 * wrong proofs, or an address over its cap.
 *
 * <p>Memory is bounded in bytes, not only in counts. "Bytes" are counted as a String's chars times
 * 2 — what the String takes on the heap at most (Latin-1 text takes half) — so no frame is ever
 * encoded just to be measured. The defaults fit a 512 MB heap with 10,000 clients: the JVM and hub
 * take about 40 MB; 10,000 connections about 160 MB of their own (BENCHMARKS.md: 114 MB in use with
 * 5,000 idle connections, baseline included); the outbound queues of all sessions together at most
 * {@code maxOutboundBytes} = 192 MiB; the write queue at most {@code maxWriteQueueBytes} = 64 MiB.
 * That is 456 MB, leaving about 50 MB for the pages and frames being built at any moment. A single
 * session may hold {@code maxSessionBytes} = 8 MiB: three full history pages, or a few hundred live
 * messages; an idle reader never comes near it.
 *
 * <p>The record is flat so that every limit is one accessor; the {@code with...} methods change one
 * group and keep the rest.
 *
 * @param maxFrameChars             largest text frame handled (bigger ones get {@code too_large}); Jetty
 *                                  drops frames over 4x this at the transport
 * @param maxBodyChars              largest message body
 * @param maxMetadataChars          largest metadata object, as JSON text
 * @param maxRequestBytes           largest REST body
 * @param ratePerSecond             frames per second per connection, on average (0: unlimited)
 * @param rateBurst                 frames a connection may send at once above the average
 * @param outboundQueue             frames a session may have waiting before it is closed as too slow
 * @param maxSessionBytes           bytes a session may have waiting (and in flight) before it is closed as too slow
 * @param maxOutboundBytes          bytes all sessions together may have waiting; over it, the sessions holding
 *                                  the most are closed as too slow
 * @param maxWriteQueueBytes        bytes the writer's queue may hold before writes are refused as {@code overloaded}
 * @param connectionWriteTasks      writes one connection may have waiting for the writer; its next frame waits
 *                                  (its reading pauses) until one committed
 * @param connectionWriteBytes      bytes one connection's waiting writes may hold, likewise
 * @param authTimeoutMillis         how long a socket may stay unauthenticated before it is closed (1008)
 * @param headerTimeoutMillis       how long a new HTTP connection may take to send its first request's headers
 * @param unauthenticatedPerAddress sockets one remote address may hold before they authenticate
 * @param connectionsPerAddress     sockets one remote address may hold in all
 * @param loopbackConnections       both caps above for peers on this machine: a benchmark, the tests, or a
 *                                  reverse proxy all connect from loopback, so its cap is a separate, higher one
 * @param typingIntervalMillis      at most one {@code typing} fan-out per participant and channel in this time
 * @param proofs                    how many wrong keys and hub tokens a connection and an address may try
 * @param maxAttachmentBytes        largest file one upload may carry ({@code POST /api/channels/{ch}/files}); the
 *                                  upload is read up to it and refused ({@code too_large}, 413) at the byte past it
 */
public record Limits(int maxFrameChars, int maxBodyChars, int maxMetadataChars, long maxRequestBytes,
                     double ratePerSecond, double rateBurst, int outboundQueue,
                     long maxSessionBytes, long maxOutboundBytes, long maxWriteQueueBytes, int connectionWriteTasks,
                     long connectionWriteBytes,
                     long authTimeoutMillis, long headerTimeoutMillis, int unauthenticatedPerAddress,
                     int connectionsPerAddress, int loopbackConnections, long typingIntervalMillis,
                     ProofThrottle.Policy proofs, long maxAttachmentBytes) {

    public static final long DEFAULT_SESSION_BYTES = 8L << 20;
    public static final long DEFAULT_OUTBOUND_BYTES = 192L << 20;
    public static final int DEFAULT_CONNECTION_WRITE_TASKS = 256;
    public static final long DEFAULT_CONNECTION_WRITE_BYTES = 4L << 20;
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

    /** The frame and queue-count limits, with every other limit at its default. */
    public Limits(int maxFrameChars, int maxBodyChars, int maxMetadataChars, long maxRequestBytes,
                  double ratePerSecond, double rateBurst, int outboundQueue) {
        this(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst, outboundQueue,
                DEFAULT_SESSION_BYTES, DEFAULT_OUTBOUND_BYTES, WriteQueue.DEFAULT_MAX_BYTES,
                DEFAULT_CONNECTION_WRITE_TASKS, DEFAULT_CONNECTION_WRITE_BYTES,
                DEFAULT_AUTH_TIMEOUT_MILLIS, DEFAULT_HEADER_TIMEOUT_MILLIS, DEFAULT_UNAUTHENTICATED_PER_ADDRESS,
                DEFAULT_CONNECTIONS_PER_ADDRESS, DEFAULT_LOOPBACK_CONNECTIONS, DEFAULT_TYPING_INTERVAL_MILLIS,
                ProofThrottle.Policy.DEFAULTS, AttachmentContent.DEFAULT_MAX_BYTES);
    }

    public Limits {
        if (maxSessionBytes < 1 || maxOutboundBytes < 1 || maxWriteQueueBytes < 1 || connectionWriteTasks < 1
                || connectionWriteBytes < 1 || maxAttachmentBytes < 1) {
            throw new IllegalArgumentException("byte budgets, write windows and the attachment limit must be positive");
        }
    }

    /** These limits with other outbound budgets: per session and for all sessions together. */
    public Limits withOutboundBytes(long session, long total) {
        Copy c = new Copy(this);
        c.maxSessionBytes = session;
        c.maxOutboundBytes = total;
        return c.build();
    }

    /** These limits with another write-queue budget. */
    public Limits withWriteQueueBytes(long bytes) {
        Copy c = new Copy(this);
        c.maxWriteQueueBytes = bytes;
        return c.build();
    }

    /** These limits with another per-connection write window. */
    public Limits withConnectionWrites(int tasks, long bytes) {
        Copy c = new Copy(this);
        c.connectionWriteTasks = tasks;
        c.connectionWriteBytes = bytes;
        return c.build();
    }

    /** These limits with another frame rate per connection. */
    public Limits withRate(double perSecond, double burst) {
        Copy c = new Copy(this);
        c.ratePerSecond = perSecond;
        c.rateBurst = burst;
        return c.build();
    }

    /** These limits with other deadlines for authenticating (sockets) and sending headers (HTTP). */
    public Limits withDeadlines(long authTimeoutMillis, long headerTimeoutMillis) {
        Copy c = new Copy(this);
        c.authTimeoutMillis = authTimeoutMillis;
        c.headerTimeoutMillis = headerTimeoutMillis;
        return c.build();
    }

    /** These limits with other per-address connection caps. */
    public Limits withAddressCaps(int unauthenticatedPerAddress, int connectionsPerAddress, int loopbackConnections) {
        Copy c = new Copy(this);
        c.unauthenticatedPerAddress = unauthenticatedPerAddress;
        c.connectionsPerAddress = connectionsPerAddress;
        c.loopbackConnections = loopbackConnections;
        return c.build();
    }

    /** These limits with another typing interval. */
    public Limits withTypingInterval(long typingIntervalMillis) {
        Copy c = new Copy(this);
        c.typingIntervalMillis = typingIntervalMillis;
        return c.build();
    }

    /** These limits with another largest attachment. */
    public Limits withMaxAttachmentBytes(long bytes) {
        Copy c = new Copy(this);
        c.maxAttachmentBytes = bytes;
        return c.build();
    }

    /** These limits with another proof throttle. */
    public Limits withProofs(ProofThrottle.Policy policy) {
        Copy c = new Copy(this);
        c.proofs = policy;
        return c.build();
    }

    /** A mutable copy, so each {@code with...} names only what it changes. */
    private static final class Copy {
        int maxFrameChars;
        int maxBodyChars;
        int maxMetadataChars;
        long maxRequestBytes;
        double ratePerSecond;
        double rateBurst;
        int outboundQueue;
        long maxSessionBytes;
        long maxOutboundBytes;
        long maxWriteQueueBytes;
        int connectionWriteTasks;
        long connectionWriteBytes;
        long authTimeoutMillis;
        long headerTimeoutMillis;
        int unauthenticatedPerAddress;
        int connectionsPerAddress;
        int loopbackConnections;
        long typingIntervalMillis;
        ProofThrottle.Policy proofs;
        long maxAttachmentBytes;

        Copy(Limits l) {
            maxFrameChars = l.maxFrameChars;
            maxBodyChars = l.maxBodyChars;
            maxMetadataChars = l.maxMetadataChars;
            maxRequestBytes = l.maxRequestBytes;
            ratePerSecond = l.ratePerSecond;
            rateBurst = l.rateBurst;
            outboundQueue = l.outboundQueue;
            maxSessionBytes = l.maxSessionBytes;
            maxOutboundBytes = l.maxOutboundBytes;
            maxWriteQueueBytes = l.maxWriteQueueBytes;
            connectionWriteTasks = l.connectionWriteTasks;
            connectionWriteBytes = l.connectionWriteBytes;
            authTimeoutMillis = l.authTimeoutMillis;
            headerTimeoutMillis = l.headerTimeoutMillis;
            unauthenticatedPerAddress = l.unauthenticatedPerAddress;
            connectionsPerAddress = l.connectionsPerAddress;
            loopbackConnections = l.loopbackConnections;
            typingIntervalMillis = l.typingIntervalMillis;
            proofs = l.proofs;
            maxAttachmentBytes = l.maxAttachmentBytes;
        }

        Limits build() {
            return new Limits(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst,
                    outboundQueue, maxSessionBytes, maxOutboundBytes, maxWriteQueueBytes, connectionWriteTasks,
                    connectionWriteBytes, authTimeoutMillis, headerTimeoutMillis, unauthenticatedPerAddress,
                    connectionsPerAddress, loopbackConnections, typingIntervalMillis, proofs, maxAttachmentBytes);
        }
    }
}
