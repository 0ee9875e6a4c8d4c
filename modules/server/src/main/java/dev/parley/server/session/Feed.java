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
    private boolean replaying = true;

    private record Held(String channelId, long seq, OutboundFrame frame, DeliverySink sink) {}

    public Feed(Session session) {
        this.session = session;
    }

    /**
     * A live message for this session; queued now, or held until the replay ends. {@code sink} non-null: its
     * writing counts as a delivery (a compat client's), reported there.
     */
    public synchronized void live(String channelId, long seq, OutboundFrame frame, DeliverySink sink) {
        if (replaying) {
            held.add(new Held(channelId, seq, frame, sink));
            return;
        }
        sendIfNew(channelId, seq, frame, sink, true);
    }

    /**
     * Like {@link #live}, but the frame is only queued: the caller flushes the session ({@link Session#flush()})
     * once it has queued everything of one commit. Returns whether a frame was queued.
     */
    public synchronized boolean queueLive(String channelId, long seq, OutboundFrame frame, DeliverySink sink) {
        if (replaying) {
            held.add(new Held(channelId, seq, frame, sink));
            return false;
        }
        return sendIfNew(channelId, seq, frame, sink, false);
    }

    /** Records that the replay covered a channel up to a seq (its frame was queued by the caller). */
    public synchronized void replayed(String channelId, long seq) {
        long[] last = lastSeq.computeIfAbsent(channelId, c -> new long[1]);
        last[0] = Math.max(last[0], seq);
    }

    /** Sends a replay frame through this feed's ordering (so held live frames stay behind it). */
    public synchronized boolean sendReplay(String frame, Runnable onWritten) {
        return session.send(frame, onWritten);
    }

    /** The replay is done: release held live messages in arrival order. */
    public synchronized void replayDone() {
        replaying = false;
        for (Held h : held) {
            sendIfNew(h.channelId(), h.seq(), h.frame(), h.sink(), true);
        }
        held.clear();
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
