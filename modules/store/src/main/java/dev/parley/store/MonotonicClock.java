package dev.parley.store;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out strictly increasing timestamps, in the hub's format, even when the wall clock steps
 * back. Within a channel a later {@code seq} therefore always has a later {@code created_at}, which
 * lets "before a time" queries use the time index and stop at the first row.
 *
 * <p>Thread-safe. {@link HubStore} owns the one instance and seeds it past the newest stored time.
 */
final class MonotonicClock {
    private final AtomicLong lastMicros = new AtomicLong();

    /** The next timestamp: now, or one microsecond after the previous one if that is later. */
    String next() {
        long now = Timestamps.micros(Instant.now());
        long micros = lastMicros.updateAndGet(last -> Math.max(now, last + 1));
        return Timestamps.format(Timestamps.ofMicros(micros));
    }

    /** Makes every later timestamp come after this stored one (no-op for null or unreadable text). */
    void advancePast(String stored) {
        if (stored == null) {
            return;
        }
        try {
            long micros = Timestamps.micros(Timestamps.parse(stored));
            lastMicros.accumulateAndGet(micros, Math::max);
        } catch (IllegalArgumentException ignored) {
            // a malformed stored value cannot order anything; the wall clock will do
        }
    }
}
