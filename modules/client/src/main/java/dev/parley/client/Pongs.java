package dev.parley.client;

import java.util.concurrent.TimeUnit;

/**
 * Counts the {@code pong} frames that arrive, so a caller can wait until the hub has handled every
 * frame sent before a ping (a connection's frames are handled in order). Pongs carry no id, and the
 * heartbeat pings too, so a barrier pings twice and waits for two pongs: of any two counted after
 * its pings were written, at least one answers one of them (at most one heartbeat ping is in flight).
 * Thread-safe, on this object's monitor.
 */
final class Pongs {
    private long count;

    synchronized long count() {
        return count;
    }

    synchronized void arrived() {
        count++;
        notifyAll();
    }

    /** Waits until more than {@code seen + 1} pongs arrived in all; false at the deadline. */
    synchronized boolean awaitTwoAfter(long seen, long deadlineNanos) throws InterruptedException {
        while (count < seen + 2) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
