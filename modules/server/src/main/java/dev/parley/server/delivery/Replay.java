package dev.parley.server.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Features;
import dev.parley.server.access.ReadRule;
import dev.parley.server.session.Feed;
import dev.parley.server.session.Session;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Channel;
import dev.parley.store.Cursors;
import dev.parley.store.MessagePages;
import dev.parley.store.Messages;
import dev.parley.store.PendingPosition;
import dev.parley.store.Reader;
import dev.parley.store.StoredMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session missed, sent right after {@code auth_ok}, in order and in pages, before any live
 * message (the session's {@link Feed} holds live ones back meanwhile).
 *
 * <ul>
 *   <li>Compat clients get everything pending as {@code queued} frames of up to {@value #PAGE}
 *       messages and about 1 Mi chars of text ({@link MessagePages}); a page counts as delivered only once it was written to the socket.</li>
 *   <li>Clients with {@code resume} get {@code message} frames: for each channel they name, every
 *       message after the seq they give; for the others, what is pending. Then one {@code resumed}
 *       frame says, per channel, what was replayed, or why a position could not be served.</li>
 * </ul>
 *
 * <p>A backlog may be far longer than the session's outbound queue, so the replay goes at the
 * client's pace: it waits for room in the queue (half its frames and half its bytes) rather than
 * overflowing it.
 */
public final class Replay {
    static final int PAGE = 500;
    /** How long the replay waits for a client to take frames before closing it as too slow. */
    static final Duration STALL = Duration.ofSeconds(30);

    private final Cursors cursors;
    private final Messages messages;
    private final ReadRule reads;
    private final DeliveryTracker tracker;
    private final String epoch;

    /** @param epoch the database's history epoch: positions from another are not positions here */
    public Replay(Cursors cursors, Messages messages, ReadRule reads, DeliveryTracker tracker, String epoch) {
        this.cursors = cursors;
        this.messages = messages;
        this.reads = reads;
        this.tracker = tracker;
        this.epoch = epoch;
    }

    /**
     * Sends what the session missed and releases its held live messages.
     *
     * @param resumeFrom  for resuming clients, channel (id or name) → last seq seen; null otherwise
     * @param clientEpoch the history epoch those positions are from, or null when the client names none
     */
    public void run(Session session, Map<String, Long> resumeFrom, String clientEpoch) {
        try {
            tracker.flush(session.participant()).join();
            if (resumeFrom != null && session.has(Features.RESUME)) {
                resume(session, resumeFrom, clientEpoch);
            } else {
                pending(session, session.has(Features.RESUME) || session.has(Features.DELIVERY_ACK));
            }
        } finally {
            session.feed().replayDone();
        }
    }

    private void pending(Session session, boolean asMessages) {
        String name = session.participant();
        PendingPosition position = PendingPosition.START;
        while (true) {
            List<StoredMessage> page = cursors.pending(name, position, PAGE);
            if (page.isEmpty()) {
                return;
            }
            if (!send(session, page, asMessages)) {
                return;
            }
            position = PendingPosition.after(page.get(page.size() - 1));
            if (last(page)) {
                return;
            }
        }
    }

    private void resume(Session session, Map<String, Long> resumeFrom, String clientEpoch) {
        String name = session.participant();
        ObjectNode result = WireFormat.frame("resumed");
        result.put("epoch", epoch);
        // Positions from another line of history (a restored backup, a replaced database) name other messages.
        boolean foreign = clientEpoch != null && !clientEpoch.equals(epoch);
        ObjectNode report = result.putObject("channels");
        Map<String, Long> positions = new HashMap<>();
        for (Map.Entry<String, Long> entry : resumeFrom.entrySet()) {
            // A channel the participant may not read (another pair's DM) is reported like a missing one.
            Channel channel = reads.findChannel(Reader.named(name), entry.getKey()).orElse(null);
            ObjectNode line = report.putObject(entry.getKey());
            if (channel == null || !reads.isMember(Reader.named(name), channel)) {
                line.put("status", "unavailable").put("reason", channel == null ? "no such channel" : "not a member");
                continue;
            }
            long from = entry.getValue();
            if (foreign) {
                // Not resumed: what is pending for the participant there comes with the other channels below.
                line.put("status", "reset").put("last_seq", channel.lastSeq()).put("reason", "epoch_changed: this "
                        + "hub's history (epoch " + epoch + ") is not the one position " + from + " is from (" + clientEpoch
                        + "): a backup was restored or the database replaced; start again from last_seq");
                continue;
            }
            if (from > channel.lastSeq()) {
                // The client has seen more than this hub holds (e.g. the hub was restored from a backup).
                line.put("status", "reset").put("last_seq", channel.lastSeq())
                        .put("reason", "position " + from + " is beyond the channel's last seq");
                continue;
            }
            long last = from;
            while (true) {
                // What this participant may read (targeted at others: left out by the store) ...
                List<StoredMessage> page = messages.after(channel.channelId(), last, Reader.named(name), PAGE);
                if (page.isEmpty()) {
                    break;
                }
                // ... and receives: not its own.
                List<StoredMessage> visible = page.stream().filter(m -> m.isFor(name)).toList();
                if (!visible.isEmpty() && !send(session, visible, true)) {
                    return;
                }
                last = page.get(page.size() - 1).seq();
                if (last(page)) {
                    break;
                }
            }
            // Up to the seq the channel had when we looked: what lies between was not for this reader.
            last = Math.max(last, channel.lastSeq());
            positions.put(channel.channelId(), last);
            line.put("status", "ok").put("channel_id", channel.channelId()).put("from_seq", from).put("to_seq", last);
        }
        // Channels the client did not name: what is pending for it there.
        PendingPosition position = PendingPosition.START;
        while (true) {
            List<StoredMessage> raw = cursors.pending(name, position, PAGE);
            if (raw.isEmpty()) {
                break;
            }
            List<StoredMessage> page = raw.stream().filter(m -> !positions.containsKey(m.channelId())).toList();
            if (!page.isEmpty() && !send(session, page, true)) {
                return;
            }
            position = PendingPosition.after(raw.get(raw.size() - 1));
            if (last(raw)) {
                break;
            }
        }
        session.feed().sendReplay(WireFormat.text(result), null);
    }

    /** A page shorter than {@link #PAGE} ends the backlog, unless the store cut it by size ({@link MessagePages}). */
    private static boolean last(List<StoredMessage> page) {
        return page.size() < PAGE && !MessagePages.cutBySize(page);
    }

    /**
     * Queues one page, as {@code message} frames or one {@code queued} frame, at the client's pace.
     *
     * @return false when the session closed (or was closed now for taking nothing): stop replaying
     */
    private boolean send(Session session, List<StoredMessage> page, boolean asMessages) {
        Feed feed = session.feed();
        String name = session.participant();
        boolean countOnWrite = !session.has(Features.DELIVERY_ACK);
        Map<String, Long> highest = new HashMap<>();
        page.forEach(m -> highest.merge(m.channelId(), m.seq(), Math::max));
        if (asMessages) {
            for (StoredMessage m : page) {
                if (m.seq() <= feed.lastSeq(m.channelId())) {
                    continue;
                }
                if (!room(session)) {
                    return false;
                }
                Runnable onWritten = countOnWrite ? () -> tracker.written(name, m.channelId(), m.seq()) : null;
                feed.sendReplay(WireFormat.messageFrame("message", m), onWritten);
                feed.replayed(m.channelId(), m.seq());
            }
            return true;
        }
        if (!room(session)) {
            return false;
        }
        ObjectNode frame = WireFormat.frame("queued");
        frame.set("messages", WireFormat.messages(page));
        feed.sendReplay(WireFormat.text(frame), () -> highest.forEach((channel, seq) -> tracker.written(name, channel, seq)));
        highest.forEach(feed::replayed);
        return true;
    }

    /** Waits (outside the feed's lock, so live delivery never waits) until the session's queue has room. */
    private static boolean room(Session session) {
        if (session.awaitRoom(STALL)) {
            return true;
        }
        session.close(Session.CLOSE_POLICY, "too slow: the replay of what you missed stalled; reconnect to resume");
        return false;
    }
}
