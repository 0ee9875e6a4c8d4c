package dev.parley.store;

import java.time.Instant;

/**
 * Whether the store's writes work, for {@code /health}: degraded from a write that failed for a
 * storage reason ({@link StoreException.StorageFull}, {@link StoreException.Unavailable}) until a
 * later write commits. While degraded the writer probes by itself, with backoff, so the state
 * clears once the cause is gone even when no client writes.
 *
 * @param fault the storage failure that degraded the store, or null when writes work
 * @param since when writes started failing (null when they work)
 * @param lastFaultAt when the latest storage failure happened (kept after recovery; null if never)
 * @param faults write transactions that failed for a storage reason since the store opened
 */
public record StoreHealth(StoreException fault, Instant since, Instant lastFaultAt, long faults) {
    /** A store that never failed. */
    static final StoreHealth OK = new StoreHealth(null, null, null, 0);

    /** Whether writes currently fail. */
    public boolean degraded() {
        return fault != null;
    }

    /** The failure's message ("storage full: ..."), or null when writes work. */
    public String reason() {
        return fault == null ? null : fault.getMessage();
    }

    StoreHealth failed(StoreException cause, Instant now) {
        return new StoreHealth(cause, since == null ? now : since, now, faults + 1);
    }

    StoreHealth recovered() {
        return fault == null ? this : new StoreHealth(null, null, lastFaultAt, faults);
    }
}
