package dev.parley.server.session;

import dev.parley.server.auth.ProofThrottle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * waits for room instead, without a thread ({@link #whenRoom}).
 *
 * <p>Frames are {@link OutboundFrame}s, UTF-8 encoded once and shared by every session they go to; a frame
 * counts its UTF-8 size against the budgets. The writer takes every frame queued (up to {@value #BATCH_FRAMES}
 * frames or {@value #BATCH_BYTES} bytes) and hands them to the transport as one batch: a busy connection gets
 * few socket writes, not one per frame. Deliveries to count (compat clients) are reported per written batch
 * and channel to a {@link DeliverySink}, not per frame.
 */
public final class Session {
    /** WebSocket close code for policy violations, used for slow consumers and abuse. */
    public static final int CLOSE_POLICY = 1008;

    private static final AtomicLong IDS = new AtomicLong();
    private static final int IN_FLIGHT = 0;
    private static final int DONE_IN_PLACE = 1;
    private static final int LEFT_ASYNC = 2;
    /** At most this many frames per write. */
    static final int BATCH_FRAMES = 64;
    /** At most about this many bytes per write (a frame larger than this goes alone). */
    static final int BATCH_BYTES = 256 * 1024;

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
    /** Runs once the queue has room again (or the session closed): a producer that does not wait, such as the replay. */
    private Runnable roomListener;
    private volatile String participant;
    private volatile Set<String> features = Set.of();
    private final Feed feed = new Feed(this);
    private final RateLimiter rateLimiter;
    private final ProofThrottle.Connection proofs = new ProofThrottle.Connection();

    /**
     * A queued frame; {@code sink} non-null: the frame is a delivery of {@code seq} in {@code channelId}, to be
     * reported once written.
     */
    private record Outbound(OutboundFrame frame, long bytes, Runnable onWritten, DeliverySink sink, String channelId,
                            long seq) {}

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

    /** What a text costs on the heap as a String, at most: for estimates of what a request holds. */
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

    /**
     * The {@code auth} or {@code register} this connection sent whose registration is still being written (its
     * future completes once it was answered), or a completed future. The connection's later frames wait behind it,
     * so they are handled in the order sent.
     */
    private volatile CompletableFuture<Void> admission = CompletableFuture.completedFuture(null);

    /** Records an admission in progress ({@link #admission}). */
    public void admitting(CompletableFuture<Void> answered) {
        this.admission = answered;
    }

    /** The admission in progress, or a completed future. */
    public CompletableFuture<Void> admission() {
        return admission;
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
        return send(OutboundFrame.of(text), null);
    }

    /**
     * Queues a frame; {@code onWritten} runs after the frame was written to the socket (used to
     * count compat deliveries only once they really went out).
     */
    public boolean send(String text, Runnable onWritten) {
        return send(OutboundFrame.of(text), onWritten);
    }

    /** Queues a frame that may go to other sessions too; {@code onWritten} (or null) as {@link #send(String, Runnable)}. */
    public boolean send(OutboundFrame frame, Runnable onWritten) {
        if (feed.holdAnswer(frame, onWritten)) {
            return !isClosed(); // follows the replay
        }
        return enqueue(frame, onWritten, null, null, 0, true);
    }

    /** Sends a frame past the feed's hold (a replay frame, or a held answer being released). */
    boolean sendPast(OutboundFrame frame, Runnable onWritten) {
        return enqueue(frame, onWritten, null, null, 0, true);
    }

    /** Frames that may wait in this session's queue. */
    int maxQueued() {
        return maxQueued;
    }

    /** Bytes that may wait in this session's queue. */
    long maxBytes() {
        return maxBytes;
    }

    /**
     * Queues a message frame that counts as a delivery: once written, {@code sink} learns that this session's
     * participant has everything up to {@code seq} in the channel (per batch, not per frame).
     */
    public boolean sendDelivery(OutboundFrame frame, DeliverySink sink, String channelId, long seq) {
        return enqueue(frame, null, sink, channelId, seq, true);
    }

    /**
     * Like {@link #sendDelivery} (with a null sink: like {@link #send(OutboundFrame, Runnable)}), but only queues:
     * the write starts at {@link #flush()}, so the frames of a whole commit leave this session in one batch.
     */
    public boolean queueDelivery(OutboundFrame frame, DeliverySink sink, String channelId, long seq) {
        return enqueue(frame, null, sink, channelId, seq, false);
    }

    /** Starts writing what {@link #queueDelivery} queued, unless a write is already under way. */
    public void flush() {
        synchronized (this) {
            if (writing || closed || queue.isEmpty()) {
                return;
            }
            writing = true;
        }
        writeLoop();
    }

    private boolean enqueue(OutboundFrame frame, Runnable onWritten, DeliverySink sink, String channelId, long seq,
                            boolean writeNow) {
        long size = frame.size();
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
                queue.add(new Outbound(frame, size, onWritten, sink, channelId, seq));
                heldBytes += size;
                if (writing || !writeNow) {
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
    }

    /**
     * Runs {@code then} once this session's queue has room (at most half full, in frames and in bytes) — at once if
     * it has, or if the session is closed — for a producer that must not hold a thread while a client is slow (the
     * replay). At most one listener waits; a second replaces the first.
     */
    public void whenRoom(Runnable then) {
        boolean now;
        synchronized (this) {
            now = roomOrClosed();
            roomListener = now ? null : then;
        }
        if (now) {
            then.run();
        }
    }

    /** Whether the queue is at most half full, in frames and in bytes, or closed; under this object's lock. */
    private boolean roomOrClosed() {
        return closed || queue.size() < roomMark() && heldBytes < byteRoomMark();
    }

    /** The room listener, taken, if it is due now; under this object's lock (run it outside). */
    private Runnable dueRoomListener() {
        if (roomListener == null || !roomOrClosed()) {
            return null;
        }
        Runnable due = roomListener;
        roomListener = null;
        return due;
    }

    /** Bytes waiting for this connection (queued, and the frame being written). */
    public long heldBytes() {
        return heldBytes;
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
        Runnable due;
        synchronized (this) {
            if (!closed || heldBytes > 0) {
                drop();
            }
            due = dueRoomListener();
        }
        if (due != null) {
            due.run(); // a waiting producer learns the session is gone
        }
    }

    /** Closes the socket with a code and reason. */
    public void close(int code, String reason) {
        markClosed();
        transport.close(code, reason);
    }

    /**
     * Writes queued frames, a batch at a time. A write that completes inside {@code send} (Jetty may
     * do that) continues this loop instead of recursing, so a long queue cannot overflow the stack.
     */
    private void writeLoop() {
        while (true) {
            List<Outbound> batch;
            Runnable due;
            boolean stop;
            synchronized (this) {
                batch = takeBatch();
                due = dueRoomListener();
                stop = batch == null || closed;
                if (stop) {
                    writing = false;
                }
            }
            if (due != null) {
                due.run();
            }
            if (stop) {
                return;
            }
            List<OutboundFrame> frames = new ArrayList<>(batch.size());
            for (Outbound outbound : batch) {
                frames.add(outbound.frame());
            }
            AtomicInteger state = new AtomicInteger(IN_FLIGHT);
            List<Outbound> sent = batch;
            transport.send(frames, () -> {
                written(sent);
                if (!state.compareAndSet(IN_FLIGHT, DONE_IN_PLACE)) {
                    writeLoop();
                }
            }, failure -> markClosed());
            if (state.compareAndSet(IN_FLIGHT, LEFT_ASYNC)) {
                return;
            }
        }
    }

    /** The next frames to write together (at least one, if any), or null; under this object's lock. */
    private List<Outbound> takeBatch() {
        Outbound first = queue.poll();
        if (first == null) {
            return null;
        }
        List<Outbound> batch = new ArrayList<>(Math.min(BATCH_FRAMES, queue.size() + 1));
        batch.add(first);
        long bytes = first.bytes();
        while (batch.size() < BATCH_FRAMES && !queue.isEmpty() && bytes + queue.peek().bytes() <= BATCH_BYTES) {
            Outbound next = queue.poll();
            batch.add(next);
            bytes += next.bytes();
        }
        return batch;
    }

    /**
     * A batch left: its bytes are free (unless the session closed, which gave all of them back), its callbacks
     * run, and its deliveries are reported — per channel, the highest seq (a channel's frames are queued in seq
     * order, so a report is due whenever the channel changes and at the end).
     */
    private void written(List<Outbound> batch) {
        long bytes = 0;
        for (Outbound outbound : batch) {
            bytes += outbound.bytes();
        }
        Runnable due;
        synchronized (this) {
            if (!closed) {
                heldBytes -= bytes;
                budget.release(bytes);
            }
            due = dueRoomListener();
        }
        if (due != null) {
            due.run();
        }
        String name = participant;
        Outbound pending = null;
        for (Outbound outbound : batch) {
            if (outbound.onWritten() != null) {
                outbound.onWritten().run();
            }
            if (outbound.sink() == null) {
                continue;
            }
            if (pending != null && (pending.sink() != outbound.sink() || !pending.channelId().equals(outbound.channelId()))) {
                pending.sink().written(name, pending.channelId(), pending.seq());
            }
            pending = outbound;
        }
        if (pending != null) {
            pending.sink().written(name, pending.channelId(), pending.seq());
        }
    }

    @Override
    public String toString() {
        return "session " + id + (participant != null ? " (" + participant + ")" : "");
    }
}
