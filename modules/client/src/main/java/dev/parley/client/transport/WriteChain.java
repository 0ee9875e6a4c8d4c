package dev.parley.client.transport;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Asynchronous writes run one at a time, in the order they were added, with a cap on what waits.
 * The JDK WebSocket refuses a second text send while one is outstanding, so every write starts only
 * once the one before it finished (well or not). After {@link #end} nothing more is accepted.
 *
 * <p>Thread-safe: writers on any thread; the lock is held only to link a write into the chain.
 */
final class WriteChain {
    private final long limitBytes;
    private CompletableFuture<?> last = CompletableFuture.completedFuture(null);
    private long waitingBytes;
    private String endedBecause;

    WriteChain(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /**
     * Queues {@code write}, which weighs {@code bytes}, behind the writes before it. One write is
     * always accepted when nothing waits, however large.
     *
     * @return completes when the write did; fails at once when the chain has ended ({@link Ended}) or
     *         the write would take it over its limit ({@link Overflow})
     */
    synchronized CompletableFuture<Void> add(long bytes, Supplier<? extends CompletionStage<?>> write) {
        if (endedBecause != null) {
            return CompletableFuture.failedFuture(new Ended(endedBecause));
        }
        if (waitingBytes > 0 && waitingBytes + bytes > limitBytes) {
            return CompletableFuture.failedFuture(new Overflow(waitingBytes, bytes, limitBytes));
        }
        waitingBytes += bytes;
        CompletableFuture<Void> done = last.handle((ignored, failure) -> null)
                .thenCompose(ignored -> write.get().thenApply(written -> (Void) null));
        done.whenComplete((ignored, failure) -> written(bytes));
        last = done;
        return done;
    }

    /** Queues {@code write} as the last one ({@link #add}, then {@link #end}, with no write between). */
    synchronized CompletableFuture<Void> addLast(long bytes, Supplier<? extends CompletionStage<?>> write, String why) {
        CompletableFuture<Void> done = add(bytes, write);
        end(why);
        return done;
    }

    /** Accepts nothing more; writes already queued still run. */
    synchronized void end(String why) {
        if (endedBecause == null) {
            endedBecause = why;
        }
    }

    /** Bytes queued and not yet written, the one in flight included. */
    synchronized long waitingBytes() {
        return waitingBytes;
    }

    private synchronized void written(long bytes) {
        waitingBytes -= bytes;
    }

    /** A write refused because too much waits already. */
    static final class Overflow extends IOException {
        private static final long serialVersionUID = 1L;

        Overflow(long waiting, long adding, long limit) {
            super(waiting + " bytes wait to be written and " + adding + " more would pass the limit of " + limit
                    + ": the peer is not reading");
        }
    }

    /** A write refused because the chain has ended (the socket is closing or gone). */
    static final class Ended extends IOException {
        private static final long serialVersionUID = 1L;

        Ended(String why) {
            super(why);
        }
    }
}
