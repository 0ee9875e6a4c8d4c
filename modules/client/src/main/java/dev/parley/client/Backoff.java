package dev.parley.client;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with jitter, capped: attempt n waits about {@code initial * 2^(n-1)}, at most
 * {@code max}, of which a random half ("equal jitter") so that many clients cut off by one hub
 * restart do not all knock again at the same instant, yet none waits less than half its step.
 */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final LongUnaryOperator random;

    /**
     * @param random given a bound b &gt; 0, a uniformly random value in [0, b)
     */
    Backoff(Duration initial, Duration max, LongUnaryOperator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, not " + initial + ", " + max);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** How long to wait before attempt {@code attempt} (1 for the first retry). */
    Duration delay(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 40);
        long step = initialNanos;
        for (int i = 0; i < doublings && step < maxNanos; i++) {
            step = step * 2;
        }
        step = Math.min(step, maxNanos);
        long half = step / 2;
        return Duration.ofNanos(half + (half > 0 ? random.applyAsLong(step - half + 1) : 0));
    }
}
