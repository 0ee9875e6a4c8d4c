package dev.parley.server.session;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One connection's share of the single writer: at most {@code maxTasks} writes holding at most
 * {@code maxBytes} may wait for it at once. The writer runs tasks in arrival order, so without this
 * one connection could fill its queue and every other user's write would wait behind all of it.
 *
 * <p>When the window is full, the frame's handler waits for a write of this connection to commit.
 * Jetty (through Javalin, whose endpoint is auto-demanding) reads a connection's next frame only
 * once the handler of the previous one returned, so waiting here pauses the connection's reading:
 * TCP pushes back on the client, nothing is refused. Only when nothing commits for {@link #PATIENCE}
 * is the frame answered {@code overloaded}.
 *
 * <p>Concurrency: {@link #track} is called by the thread handling the connection's frames; the
 * releases come from the store's completion thread; both under this object's lock.
 */
public final class WriteWindow {
    /** How long a frame waits for room before it is refused. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final int maxTasks;
    private final long maxBytes;
    private int tasks;
    private long bytes;

    public WriteWindow(int maxTasks, long maxBytes) {
        this.maxTasks = maxTasks;
        this.maxBytes = maxBytes;
    }

    static WriteWindow unlimited() {
        return new WriteWindow(Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * Starts a write of about {@code size} bytes once the window has room for it, and frees the room
     * when it completed (committed or failed).
     *
     * @throws ProtocolException {@code overloaded} when no room came within {@link #PATIENCE}
     */
    public <T> CompletableFuture<T> track(long size, Supplier<CompletableFuture<T>> write) {
        enter(size);
        CompletableFuture<T> future;
        try {
            future = write.get();
        } catch (RuntimeException | Error e) {
            leave(size);
            throw e;
        }
        future.whenComplete((result, failure) -> leave(size));
        return future;
    }

    private synchronized void enter(long size) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        // A write into an empty window always goes, however large, or it could never run.
        while (tasks > 0 && (tasks >= maxTasks || bytes + size > maxBytes)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ProtocolException(ErrorCode.OVERLOADED, "this connection has " + tasks
                        + " writes waiting for the store and none committed for " + PATIENCE.toSeconds() + " s");
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProtocolException(ErrorCode.OVERLOADED, "interrupted while waiting for the store");
            }
        }
        tasks++;
        bytes += size;
    }

    private synchronized void leave(long size) {
        tasks--;
        bytes -= size;
        notifyAll();
    }

    /** Writes of this connection waiting for the writer now. */
    public synchronized int inFlight() {
        return tasks;
    }
}
