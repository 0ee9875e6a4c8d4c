package dev.parley.server;

import dev.parley.store.WriteQueue;

/**
 * What one client may send, and how far a slow one may fall behind. Every limit answers with a
 * specific error code; none closes a connection except a full outbound queue.
 *
 * <p>Memory is bounded in bytes, not only in counts (issue 8). "Bytes" are counted as a String's
 * chars times 2 — what the String takes on the heap at most (Latin-1 text takes half) — so no
 * frame is ever encoded just to be measured. The defaults fit a 512 MB heap with 10,000 clients:
 * the JVM and hub take about 40 MB; 10,000 connections about 160 MB of their own (BENCHMARKS.md:
 * 114 MB in use with 5,000 idle connections, baseline included); the outbound queues of all
 * sessions together at most {@code maxOutboundBytes} = 192 MiB; the write queue at most
 * {@code maxWriteQueueBytes} = 64 MiB. That is 456 MB, leaving about 50 MB for the pages and
 * frames being built at any moment. A single session may hold {@code maxSessionBytes} = 8 MiB:
 * three full history pages, or a few hundred live messages; an idle reader never comes near it.
 *
 * @param maxFrameChars        largest text frame handled (bigger ones get {@code too_large}); Jetty
 *                             drops frames over 4x this at the transport
 * @param maxBodyChars         largest message body
 * @param maxMetadataChars     largest metadata object, as JSON text
 * @param maxRequestBytes      largest REST body
 * @param ratePerSecond        frames per second per connection, on average (0: unlimited)
 * @param rateBurst            frames a connection may send at once above the average
 * @param outboundQueue        frames a session may have waiting before it is closed as too slow
 * @param maxSessionBytes      bytes a session may have waiting (and in flight) before it is closed as too slow
 * @param maxOutboundBytes     bytes all sessions together may have waiting; over it, the sessions holding
 *                             the most are closed as too slow
 * @param maxWriteQueueBytes   bytes the writer's queue may hold before writes are refused as {@code overloaded}
 * @param connectionWriteTasks writes one connection may have waiting for the writer; its next frame waits
 *                             (its reading pauses) until one committed
 * @param connectionWriteBytes bytes one connection's waiting writes may hold, likewise
 */
public record Limits(int maxFrameChars, int maxBodyChars, int maxMetadataChars, long maxRequestBytes,
                     double ratePerSecond, double rateBurst, int outboundQueue, long maxSessionBytes,
                     long maxOutboundBytes, long maxWriteQueueBytes, int connectionWriteTasks,
                     long connectionWriteBytes) {

    public static final long DEFAULT_SESSION_BYTES = 8L << 20;
    public static final long DEFAULT_OUTBOUND_BYTES = 192L << 20;
    public static final int DEFAULT_CONNECTION_WRITE_TASKS = 256;
    public static final long DEFAULT_CONNECTION_WRITE_BYTES = 4L << 20;

    /** Generous enough for machine-speed agents on a LAN; stricter values are configuration. */
    public static final Limits DEFAULTS = new Limits(64 * 1024, 32 * 1024, 16 * 1024, 256 * 1024,
            10_000, 20_000, 20_000);

    /** The count limits, with the default byte budgets. */
    public Limits(int maxFrameChars, int maxBodyChars, int maxMetadataChars, long maxRequestBytes,
                  double ratePerSecond, double rateBurst, int outboundQueue) {
        this(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst, outboundQueue,
                DEFAULT_SESSION_BYTES, DEFAULT_OUTBOUND_BYTES, WriteQueue.DEFAULT_MAX_BYTES,
                DEFAULT_CONNECTION_WRITE_TASKS, DEFAULT_CONNECTION_WRITE_BYTES);
    }

    public Limits {
        if (maxSessionBytes < 1 || maxOutboundBytes < 1 || maxWriteQueueBytes < 1 || connectionWriteTasks < 1
                || connectionWriteBytes < 1) {
            throw new IllegalArgumentException("byte budgets and write windows must be positive");
        }
    }

    /** These limits with other outbound budgets: per session and for all sessions together. */
    public Limits withOutboundBytes(long session, long total) {
        return new Limits(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst,
                outboundQueue, session, total, maxWriteQueueBytes, connectionWriteTasks, connectionWriteBytes);
    }

    /** These limits with another write-queue budget. */
    public Limits withWriteQueueBytes(long bytes) {
        return new Limits(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst,
                outboundQueue, maxSessionBytes, maxOutboundBytes, bytes, connectionWriteTasks, connectionWriteBytes);
    }

    /** These limits with another per-connection write window. */
    public Limits withConnectionWrites(int tasks, long bytes) {
        return new Limits(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, ratePerSecond, rateBurst,
                outboundQueue, maxSessionBytes, maxOutboundBytes, maxWriteQueueBytes, tasks, bytes);
    }

    /** These limits with another frame rate per connection. */
    public Limits withRate(double perSecond, double burst) {
        return new Limits(maxFrameChars, maxBodyChars, maxMetadataChars, maxRequestBytes, perSecond, burst,
                outboundQueue, maxSessionBytes, maxOutboundBytes, maxWriteQueueBytes, connectionWriteTasks,
                connectionWriteBytes);
    }
}
