package dev.parley.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces sends to a rate: send {@code i} is due {@code i / rate} seconds after the pacer was made,
 * so a late send is followed by quicker ones until the schedule is met again. Rate 0 never waits.
 */
final class Pacer {
    private final long start = System.nanoTime();
    private final double intervalNanos;

    Pacer(double perSecond) {
        this.intervalNanos = perSecond > 0 ? 1e9 / perSecond : 0;
    }

    /** Returns when send {@code index} (from 0) is due. */
    void awaitTurn(long index) {
        if (intervalNanos == 0) {
            return;
        }
        long due = start + (long) (index * intervalNanos);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
