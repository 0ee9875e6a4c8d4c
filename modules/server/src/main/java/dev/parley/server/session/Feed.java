package dev.parley.server.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered stream of messages one session receives: what was replayed on connect, then live
 * messages, each channel in seq order, none twice.
 *
 * <p>A session is registered online before its replay is read, so a message committed in between
 * may arrive both live and in the replay. While the replay runs, live messages are held back; when
 * it ends they are released, skipping any seq the replay already covered. Thread-safe: live
 * delivery (the store's completion thread) and the replay (the connecting thread) meet here.
 */
public final class Feed {
    private final Session session;
    /** Per channel, the highest seq sent: a one-slot array, so a live message updates it without boxing. */
    private final Map<String, long[]> lastSeq = new HashMap<>();
    private final List<Held> held = new ArrayList<>();
    /** Bytes of the held frames: bounded, as the session's queue is. */
    private long heldBytes;
    private boolean replaying = true;

    /** Answers held back while the replay runs, so that they follow it (a pong after auth means "replayed"). */
    private boolean holdingAnswers;

    /** A held live message ({@code channelId} set) or answer ({@code channelId} null). */
    private record Held(String channelId, long seq, OutboundFrame frame, DeliverySink sink, Runnable onWritten) {}

    public Feed(Session session) {
        this.session = session;
    }

    /**
     * A live message for this session, only queued (or held until the replay ends): the caller flushes the session
     * ({@link Session#flush()}) once it has queued everything of one commit. {@code sink} non-null: its writing
     * counts as a delivery (a compat client's), reported there. Returns whether a frame was queued.
     */
    public synchronized boolean queueLive(String channelId, long seq, OutboundFrame frame, DeliverySink sink) {
        if (replaying) {
            hold(new Held(channelId, seq, frame, sink, null));
            return false;
        }
        return sendIfNew(channelId, seq, frame, sink, false);
    }

    /** Records that the replay covered a channel up to a seq (its frame was queued by the caller). */
    public synchronized void replayed(String channelId, long seq) {
        long[] last = lastSeq.computeIfAbsent(channelId, c -> new long[1]);
        last[0] = Math.max(last[0], seq);
    }

    /** Sends a replay frame through this feed's ordering (so held live frames and answers stay behind it). */
    public synchronized boolean sendReplay(String frame, Runnable onWritten) {
        return session.sendPast(OutboundFrame.of(frame), onWritten);
    }

    /** The replay starts (after {@code auth_ok}): from now until it is done, answers wait behind it too. */
    public synchronized void beginReplay() {
        holdingAnswers = true;
    }

    /**
     * An answer (any frame but a message) the session sends while its replay runs: held, to follow the replay.
     *
     * @return true when held; false: send it now
     */
    synchronized boolean holdAnswer(OutboundFrame frame, Runnable onWritten) {
        if (!holdingAnswers) {
            return false;
        }
        hold(new Held(null, 0, frame, null, onWritten));
        return true;
    }

    /** True once the replay ended (or there was none to wait for). */
    public synchronized boolean replayFinished() {
        return !replaying;
    }

    /** The replay is done: release held live messages and answers in arrival order. Only the first call acts. */
    public synchronized void replayDone() {
        if (!replaying && !holdingAnswers) {
            return;
        }
        replaying = false;
        holdingAnswers = false;
        for (Held h : held) {
            if (h.channelId() == null) {
                session.send(h.frame(), h.onWritten());
            } else {
                sendIfNew(h.channelId(), h.seq(), h.frame(), h.sink(), true);
            }
        }
        held.clear();
        heldBytes = 0;
    }

    /**
     * Holds a frame; a session that piles up more than its queue could take (in frames or in bytes) while
     * replaying is too slow.
     */
    private void hold(Held frame) {
        if (held.size() >= session.maxQueued() || heldBytes + frame.frame().size() > session.maxBytes()) {
            held.clear();
            heldBytes = 0;
            session.close(Session.CLOSE_POLICY, "too slow: more arrived for you during the replay than your queue"
                    + " may hold; reconnect to resume");
            return;
        }
        held.add(frame);
        heldBytes += frame.frame().size();
    }

    /** The highest seq this session was sent in a channel (0 when none). */
    public synchronized long lastSeq(String channelId) {
        long[] last = lastSeq.get(channelId);
        return last == null ? 0 : last[0];
    }

    private boolean sendIfNew(String channelId, long seq, OutboundFrame frame, DeliverySink sink, boolean writeNow) {
        long[] last = lastSeq.computeIfAbsent(channelId, c -> new long[1]);
        if (seq <= last[0]) {
            return false;
        }
        last[0] = seq;
        return writeNow ? session.sendDelivery(frame, sink, channelId, seq)
                : session.queueDelivery(frame, sink, channelId, seq);
    }
}
