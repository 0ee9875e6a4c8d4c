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
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final List<Held> held = new ArrayList<>();
    private boolean replaying = true;

    private record Held(String channelId, long seq, String frame, Runnable onWritten) {}

    public Feed(Session session) {
        this.session = session;
    }

    /** A live message for this session; queued now, or held until the replay ends. */
    public synchronized void live(String channelId, long seq, String frame, Runnable onWritten) {
        if (replaying) {
            held.add(new Held(channelId, seq, frame, onWritten));
            return;
        }
        sendIfNew(channelId, seq, frame, onWritten);
    }

    /** Records that the replay covered a channel up to a seq (its frame was queued by the caller). */
    public synchronized void replayed(String channelId, long seq) {
        lastSeq.merge(channelId, seq, Math::max);
    }

    /** Sends a replay frame through this feed's ordering (so held live frames stay behind it). */
    public synchronized boolean sendReplay(String frame, Runnable onWritten) {
        return session.send(frame, onWritten);
    }

    /** The replay is done: release held live messages in arrival order. */
    public synchronized void replayDone() {
        replaying = false;
        for (Held h : held) {
            sendIfNew(h.channelId(), h.seq(), h.frame(), h.onWritten());
        }
        held.clear();
    }

    /** The highest seq this session was sent in a channel (0 when none). */
    public synchronized long lastSeq(String channelId) {
        return lastSeq.getOrDefault(channelId, 0L);
    }

    private void sendIfNew(String channelId, long seq, String frame, Runnable onWritten) {
        if (seq <= lastSeq.getOrDefault(channelId, 0L)) {
            return;
        }
        lastSeq.put(channelId, seq);
        session.send(frame, onWritten);
    }
}
