package dev.parley.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition, checking it every millisecond, up to a deadline. */
final class Await {
    private static final long POLL_NANOS = 1_000_000;

    private Await() {}

    /** True as soon as the condition holds; false if it still does not after {@code timeout}. */
    static boolean until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return condition.getAsBoolean();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
