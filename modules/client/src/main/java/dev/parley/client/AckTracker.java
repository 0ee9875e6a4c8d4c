package dev.parley.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Delivery acks ({@code delivery_ack}): tells the hub, per channel, up to which seq this client has
 * handed messages over to its caller, so the hub counts them delivered and never replays them to a
 * later instance of this participant.
 *
 * <p>An ack is a cursor ("everything up to seq N"), so it may only move past a message once that
 * message was handed over: each channel keeps the seqs received but not yet handed over, and the
 * ackable position is just below the oldest of them. Seqs this client never receives (its own
 * messages, messages targeted at others) lie below the next received one, so the cursor may pass
 * them. Acks are batched: at most one {@code ack} frame per {@code delay}.
 *
 * <p>Thread-safe: {@link #received} on the reader thread, {@link #handedOver} on the event thread or
 * a caller's thread, flushes on the timer thread.
 */
final class AckTracker {
    private final Map<String, TreeSet<Long>> outstanding = new HashMap<>();
    private final Map<String, Long> highestReceived = new HashMap<>();
    private final Map<String, Long> acked = new HashMap<>();
    private final Map<String, Long> unsent = new LinkedHashMap<>();
    private final ScheduledExecutorService timer;
    private final long delayNanos;
    private final Predicate<String> sender;
    private boolean flushScheduled;

    /**
     * @param sender writes an {@code ack} frame; false when there is no connection
     */
    AckTracker(ScheduledExecutorService timer, Duration delay, Predicate<String> sender) {
        this.timer = timer;
        this.delayNanos = delay.toNanos();
        this.sender = sender;
    }

    /** A message that will be handed over arrived (in seq order per channel). */
    synchronized void received(String channelId, long seq) {
        outstanding.computeIfAbsent(channelId, c -> new TreeSet<>()).add(seq);
        highestReceived.merge(channelId, seq, Math::max);
    }

    /** A message was handed over to the caller. Unknown positions (not tracked) are ignored. */
    synchronized void handedOver(String channelId, long seq) {
        TreeSet<Long> waiting = outstanding.get(channelId);
        if (waiting == null || !waiting.remove(seq)) {
            return;
        }
        long ackable = waiting.isEmpty() ? highestReceived.get(channelId) : waiting.first() - 1;
        if (ackable > acked.getOrDefault(channelId, 0L)) {
            acked.put(channelId, ackable);
            unsent.put(channelId, ackable);
            scheduleFlush();
        }
    }

    /** A new connection: acks written to the old one may be lost, so say everything again (acks are idempotent). */
    synchronized void reconnected() {
        unsent.putAll(acked);
        if (!unsent.isEmpty()) {
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        if (flushScheduled) {
            return;
        }
        try {
            timer.schedule(this::flush, delayNanos, TimeUnit.NANOSECONDS);
            flushScheduled = true;
        } catch (RejectedExecutionException closed) {
            // The client is closed: what was not acked is replayed to its next instance.
        }
    }

    /** Writes what is unsent now (also called on close). */
    synchronized void flush() {
        flushScheduled = false;
        if (unsent.isEmpty()) {
            return;
        }
        ObjectNode frame = Wire.frame("ack");
        ArrayNode acks = frame.putArray("acks");
        unsent.forEach((channel, seq) -> acks.addObject().put("channel_id", channel).put("seq", seq));
        if (sender.test(Wire.text(frame))) {
            unsent.clear();
        }
    }
}
