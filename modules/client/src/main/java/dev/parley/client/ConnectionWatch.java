package dev.parley.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The connection's latest state, for callers that wait for it. Told of each change by the link
 * (which holds its own lock then: this only records and wakes). Thread-safe, on this object's monitor.
 */
final class ConnectionWatch {
    private ConnectionState state = ConnectionState.DISCONNECTED;

    synchronized void changed(ConnectionState next) {
        state = next;
        notifyAll();
    }

    /** Waits up to {@code timeout} for {@link ConnectionState#CONNECTED}; false if closed or still not connected. */
    synchronized boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state != ConnectionState.CONNECTED && state != ConnectionState.CLOSED) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return state == ConnectionState.CONNECTED;
    }
}
