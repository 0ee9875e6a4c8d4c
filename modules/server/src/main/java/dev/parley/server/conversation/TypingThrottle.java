package dev.parley.server.conversation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one {@code typing} fan-out per participant and channel per interval. Typing is
 * best-effort, so the frames in between are dropped silently: a member who sends thousands costs
 * the others one frame every interval, not thousands.
 *
 * <p>Memory: one entry per (participant, channel) that passed within the interval; every
 * {@value #SWEEP_EVERY} calls, entries older than the interval are removed, so the map holds at most
 * the recent typers plus {@value #SWEEP_EVERY}. Thread-safe: any connection's thread may call it.
 */
public final class TypingThrottle {
    static final int SWEEP_EVERY = 1024;

    private final long intervalNanos;
    private final Map<Key, Long> lastPassed = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    private record Key(String participant, String channel) {}

    /** @param intervalMillis the least time between two fan-outs of one participant in one channel; 0: no throttle */
    public TypingThrottle(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    /**
     * True when this typing event should be fanned out; false when it comes too soon after the last
     * one of this participant in this channel (an id or a name, as the client refers to it).
     */
    public boolean pass(String participant, String channel) {
        if (intervalNanos <= 0) {
            return true;
        }
        long now = System.nanoTime();
        boolean[] passed = {false};
        lastPassed.compute(new Key(participant, channel), (key, last) -> {
            if (last == null || now - last >= intervalNanos) {
                passed[0] = true;
                return now;
            }
            return last;
        });
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            lastPassed.values().removeIf(last -> now - last >= intervalNanos);
        }
        return passed[0];
    }

    /** Entries held now (for tests and metrics). */
    public int size() {
        return lastPassed.size();
    }
}
