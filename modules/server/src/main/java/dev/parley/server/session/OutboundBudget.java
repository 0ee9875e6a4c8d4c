package dev.parley.server.session;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The bytes all sessions' outbound queues may hold together. A session reserves a frame's bytes
 * before queuing it and releases them once the frame was written (or the session closed). When a
 * reservation would go over the budget, the sessions holding the most are closed as too slow, one
 * at a time, until it fits — never the one that merely happened to queue the next frame, unless it
 * holds the most itself.
 *
 * <p>Concurrency: the total is one atomic counter; no session lock is held while another session is
 * closed here (a {@link Session} calls {@link #reserve} before taking its own lock), so two sessions
 * shedding at once cannot deadlock. The total never exceeds the budget.
 */
public final class OutboundBudget {
    private final long maxBytes;
    private final Supplier<Collection<Session>> sessions;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();

    /**
     * @param maxBytes the budget
     * @param sessions every open session (the candidates for closing)
     */
    public OutboundBudget(long maxBytes, Supplier<Collection<Session>> sessions) {
        this.maxBytes = maxBytes;
        this.sessions = sessions;
    }

    /** No budget to speak of: for sessions made outside a hub. */
    public static OutboundBudget unlimited() {
        return new OutboundBudget(Long.MAX_VALUE, java.util.List::of);
    }

    /**
     * Reserves {@code bytes} for a frame {@code requester} is about to queue, closing the sessions
     * that hold the most while it does not fit.
     *
     * @return false when the requester itself holds the most (it should close itself) or nothing is
     *         left to close
     */
    boolean reserve(long bytes, Session requester) {
        while (true) {
            long now = held.get();
            if (now + bytes <= maxBytes || now == 0) {
                if (held.compareAndSet(now, now + bytes)) {
                    return true;
                }
                continue;
            }
            Session largest = null;
            long most = requester.heldBytes() + bytes;
            for (Session session : sessions.get()) {
                long holds = session.heldBytes();
                if (session != requester && holds > most) {
                    largest = session;
                    most = holds;
                }
            }
            if (largest == null) {
                shed.incrementAndGet(); // the requester closes itself
                return false;
            }
            shed.incrementAndGet();
            largest.close(Session.CLOSE_POLICY, "too slow: the hub's outbound memory is full and this connection "
                    + "holds the most; reconnect to resume");
        }
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Bytes all sessions hold now. */
    public long held() {
        return held.get();
    }

    /** Sessions closed so far to keep the total within budget. */
    public long shed() {
        return shed.get();
    }

    public long maxBytes() {
        return maxBytes;
    }
}
