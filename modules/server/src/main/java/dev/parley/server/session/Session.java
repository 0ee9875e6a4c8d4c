package dev.parley.server.session;

import dev.parley.server.auth.ProofThrottle;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live WebSocket connection and its bounded outbound queue.
 *
 * <p>Concurrency: any thread may call {@link #send}; frames leave in the order they were queued,
 * one write in flight at a time (the next is started by the previous one's write callback), all
 * under this object's lock. When more than {@code maxQueued} frames, or more than {@code maxBytes}
 * bytes, wait (the frame being written counts until it was), the consumer is too slow: the session
 * is closed with 1008 rather than letting it hold memory or slow anyone else; the client resumes
 * from its cursor when it comes back, so nothing is lost. The sessions' bytes together are bounded
 * too ({@link OutboundBudget}). The replay on connect, which may be far longer than the queue,
 * waits for room instead ({@link #awaitRoom}).
 *
 * <p>A frame's bytes are its chars times 2, the most its String takes on the heap: cheap to count,
 * nothing is encoded for it. (Jetty holds the frame being written once more, as UTF-8: one frame.)
 */
public final class Session {
    /** WebSocket close code for policy violations, used for slow consumers and abuse. */
    public static final int CLOSE_POLICY = 1008;

    private static final AtomicLong IDS = new AtomicLong();
    private static final int IN_FLIGHT = 0;
    private static final int DONE_IN_PLACE = 1;
    private static final int LEFT_ASYNC = 2;

    private final long id = IDS.incrementAndGet();
    private final Transport transport;
    private final int maxQueued;
    private final long maxBytes;
    private final OutboundBudget budget;
    private final WriteWindow writes;
    private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    /** Bytes of the queued frames and the one being written; changed under this object's lock. */
    private volatile long heldBytes;
    private boolean writing;
    private boolean closed;
    private int waitingForRoom;
    private volatile String participant;
    private volatile Set<String> features = Set.of();
    private final Feed feed = new Feed(this);
    private final RateLimiter rateLimiter;
    private final ProofThrottle.Connection proofs = new ProofThrottle.Connection();

    private record Outbound(String text, long bytes, Runnable onWritten) {}

    /** A session without byte budgets (beyond the frame count) or write window. */
    public Session(Transport transport, int maxQueued, RateLimiter rateLimiter) {
        this(transport, maxQueued, Long.MAX_VALUE, OutboundBudget.unlimited(), rateLimiter, WriteWindow.unlimited());
    }

    /**
     * @param maxQueued frames that may wait
     * @param maxBytes  bytes that may wait (a frame into an empty queue is always taken)
     * @param budget    the budget shared by all sessions
     * @param writes    how many writes this connection may have waiting for the writer
     */
    public Session(Transport transport, int maxQueued, long maxBytes, OutboundBudget budget, RateLimiter rateLimiter,
                   WriteWindow writes) {
        this.transport = transport;
        this.maxQueued = maxQueued;
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.rateLimiter = rateLimiter;
        this.writes = writes;
    }

    /** What a frame counts against the byte budgets. */
    public static long bytes(String text) {
        return 2L * text.length();
    }

    /** This connection's share of the writer's queue; used by the thread handling its frames. */
    public WriteWindow writes() {
        return writes;
    }

    /** The ordered message stream of this session. */
    public Feed feed() {
        return feed;
    }

    /** This connection's rate limit; used by the thread handling its frames only. */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** This connection's failed keys and hub tokens. */
    public ProofThrottle.Connection proofs() {
        return proofs;
    }

    public long id() {
        return id;
    }

    /** The authenticated participant's name, or null before {@code auth}. */
    public String participant() {
        return participant;
    }

    public void authenticate(String name, Set<String> features) {
        this.features = Set.copyOf(features);
        this.participant = name;
    }

    /** True when the client opted into any extension (it is not a plain compat client). */
    public boolean isExt() {
        return !features.isEmpty();
    }

    /** True when the client opted into an extension. */
    public boolean has(String feature) {
        return features.contains(feature);
    }

    public Transport transport() {
        return transport;
    }

    /** Queues a frame. Returns false when the session is closed or was closed now for being too slow. */
    public boolean send(String text) {
        return send(text, null);
    }

    /**
     * Queues a frame; {@code onWritten} runs after the frame was written to the socket (used to
     * count compat deliveries only once they really went out).
     */
    public boolean send(String text, Runnable onWritten) {
        long size = bytes(text);
        if (isClosed()) {
            return false;
        }
        if (!budget.reserve(size, this)) {
            close(CLOSE_POLICY, "too slow: the hub's outbound memory is full and this connection holds the most; "
                    + "reconnect to resume");
            return false;
        }
        String overflow = null;
        synchronized (this) {
            if (closed) {
                budget.release(size);
                return false;
            }
            if (queue.size() >= maxQueued) {
                overflow = "too slow: outbound queue full; reconnect to resume";
            } else if (heldBytes > 0 && heldBytes + size > maxBytes) {
                overflow = "too slow: more than " + maxBytes + " bytes waiting for this connection; reconnect to resume";
            }
            if (overflow != null) {
                budget.release(size);
                drop();
            } else {
                queue.add(new Outbound(text, size, onWritten));
                heldBytes += size;
                if (writing) {
                    return true;
                }
                writing = true;
            }
        }
        if (overflow != null) {
            transport.close(CLOSE_POLICY, overflow);
            return false;
        }
        writeLoop();
        return true;
    }

    /** Closes the queue and gives its bytes back; under this object's lock. */
    private void drop() {
        closed = true;
        queue.clear();
        budget.release(heldBytes);
        heldBytes = 0;
        notifyAll();
    }

    /** Bytes waiting for this connection (queued, and the frame being written). */
    public long heldBytes() {
        return heldBytes;
    }

    /**
     * Waits until the queue is at most half full, for a producer that can wait (the replay on
     * connect), so that a backlog longer than the queue flows at the client's pace instead of
     * overflowing it.
     *
     * @return false when the session closed, or the client took too little for {@code timeout}
     */
    public synchronized boolean awaitRoom(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        waitingForRoom++;
        try {
            while (!closed && (queue.size() >= roomMark() || heldBytes >= byteRoomMark())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waitingForRoom--;
        }
    }

    private int roomMark() {
        return Math.max(1, maxQueued / 2);
    }

    /** Replay frames wait while half the session's bytes are taken (a frame into an empty queue always goes). */
    private long byteRoomMark() {
        return Math.max(1, maxBytes / 2);
    }

    /** Frames waiting to be written. */
    public synchronized int queued() {
        return queue.size();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Marks the session closed (the socket went away); queued frames are dropped. */
    public void markClosed() {
        synchronized (this) {
            if (!closed || heldBytes > 0) {
                drop();
            }
        }
    }

    /** Closes the socket with a code and reason. */
    public void close(int code, String reason) {
        markClosed();
        transport.close(code, reason);
    }

    /**
     * Writes queued frames one at a time. A write that completes inside {@code sendText} (Jetty may
     * do that) continues this loop instead of recursing, so a long queue cannot overflow the stack.
     */
    private void writeLoop() {
        while (true) {
            Outbound frame;
            synchronized (this) {
                frame = queue.poll();
                if (waitingForRoom > 0 && queue.size() < roomMark() && heldBytes < byteRoomMark()) {
                    notifyAll();
                }
                if (frame == null || closed) {
                    writing = false;
                    return;
                }
            }
            AtomicInteger state = new AtomicInteger(IN_FLIGHT);
            transport.sendText(frame.text(), () -> {
                written(frame);
                if (frame.onWritten() != null) {
                    frame.onWritten().run();
                }
                if (!state.compareAndSet(IN_FLIGHT, DONE_IN_PLACE)) {
                    writeLoop();
                }
            }, failure -> markClosed());
            if (state.compareAndSet(IN_FLIGHT, LEFT_ASYNC)) {
                return;
            }
        }
    }

    /** A frame left: its bytes are free (unless the session closed, which gave all of them back). */
    private synchronized void written(Outbound frame) {
        if (!closed) {
            heldBytes -= frame.bytes();
            budget.release(frame.bytes());
            if (waitingForRoom > 0 && heldBytes < byteRoomMark()) {
                notifyAll();
            }
        }
    }

    @Override
    public String toString() {
        return "session " + id + (participant != null ? " (" + participant + ")" : "");
    }
}
