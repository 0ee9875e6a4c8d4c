package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * What one receiver got in one channel: distinct message ids, how many copies arrived, when the
 * last one did, and each delivery's latency.
 *
 * <p>Concurrency: frames arrive on the HTTP client's threads; during a reconnect storm a
 * receiver's closing socket and its new one may deliver at the same time, so every method holds
 * this object's lock (uncontended in the common case).
 */
final class ReceiverTally {
    private final String runId;
    private final Set<String> ids = new HashSet<>();
    private long copies;
    private long queuedCopies;
    private long replayedRepeats;
    private long lastReceivedNanos;
    private Latencies latencies = new Latencies();

    ReceiverTally(String runId) {
        this.runId = runId;
    }

    /** Counts one message ({@code message} frame or an entry of a {@code queued} frame) received at {@code nanos}. */
    synchronized void count(JsonNode message, long nanos, boolean queued) {
        copies++;
        if (queued) {
            queuedCopies++;
        }
        if (!ids.add(message.path("message_id").asText()) && queued) {
            replayedRepeats++;
        }
        lastReceivedNanos = nanos;
        long sent = Frames.sentNanos(message, runId);
        if (sent > 0 && !queued) {
            latencies.record(Math.max(0, (nanos - sent) / 1000));
        }
    }

    synchronized long distinct() {
        return ids.size();
    }

    synchronized long duplicates() {
        return copies - ids.size();
    }

    synchronized long queuedCopies() {
        return queuedCopies;
    }

    /** Copies that came in a {@code queued} frame although the message had already arrived. */
    synchronized long replayedRepeats() {
        return replayedRepeats;
    }

    /** {@link System#nanoTime()} of the latest delivery, 0 before the first. */
    synchronized long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    synchronized void addLatenciesTo(Latencies into) {
        into.addAll(latencies);
    }

    /** Forgets everything counted so far (after a warm-up). */
    synchronized void reset() {
        ids.clear();
        copies = 0;
        queuedCopies = 0;
        replayedRepeats = 0;
        lastReceivedNanos = 0;
        latencies = new Latencies();
    }
}
