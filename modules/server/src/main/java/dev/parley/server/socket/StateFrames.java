package dev.parley.server.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.HubServices;
import dev.parley.server.conversation.Conversations;
import dev.parley.server.session.Session;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.MessagePages;
import dev.parley.store.PendingPosition;
import dev.parley.store.Reader;
import dev.parley.store.StoredMessage;
import dev.parley.store.Timestamps;
import dev.parley.store.WriteQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Frames about state rather than content: {@code ping}, {@code read_ack}, {@code ack}, {@code history}, {@code thread}, {@code typing}.
 *
 * <p>Writes go through the connection's {@link dev.parley.server.session.WriteWindow}, so that one
 * connection's cheap frames cannot fill the single writer's queue ahead of everyone else's.
 */
final class StateFrames {
    /** Most ids one {@code read_ack} may carry: more is {@code too_large}. */
    static final int MAX_READ_ACK_IDS = 500;
    /** Ids per write task: a large ack becomes several small tasks, so others' writes interleave. */
    static final int READ_ACK_TASK_IDS = 100;
    /** What a write without a body counts against the connection's window, in bytes. */
    static final long SMALL_WRITE = WriteQueue.SMALL_TASK_BYTES;

    private final Conversations conversations;

    StateFrames(HubServices hub) {
        this.conversations = hub.conversations();
    }

    void ping(Session session, InboundFrame frame) {
        session.send(WireFormat.text(WireFormat.frame("pong").put("server_time", Timestamps.now())));
        if (session.participant() != null) {
            session.writes().track(SMALL_WRITE, () -> conversations.seen(session.participant()));
        }
    }

    /** What a mark_read task holds while it waits to be written: a channel reference and a seq. */
    private static final long MARK_READ_BYTES = 256;

    /** {@code mark_read} {@code channel}, {@code seq} (default: the newest) → {@code marked_read}. */
    void markRead(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String channel = frame.requiredString("channel", ErrorCode.CHANNEL_NOT_FOUND);
        Long seq = frame.integer("seq");
        session.writes().track(MARK_READ_BYTES, () -> conversations.markRead(session.participant(), channel,
                seq)).whenComplete((marked, failure) -> {
                    if (failure != null) {
                        failed.reply(session, frame, failure);
                        return;
                    }
                    session.send(WireFormat.text(Replies.to(frame, "marked_read")
                            .put("channel_id", marked.channel().channelId()).put("channel_name", marked.channel().name())
                            .put("seq", marked.seq()).put("moved", marked.moved())));
                });
    }

    void readAck(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        JsonNode listed = frame.node().get("message_ids");
        if (listed != null && listed.size() > MAX_READ_ACK_IDS) { // before any per-id work
            throw new ProtocolException(ErrorCode.TOO_LARGE, "read_ack carries " + listed.size() + " ids; at most "
                    + MAX_READ_ACK_IDS + " per frame: send several frames");
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(frame.strings("message_ids")));
        if (ids.isEmpty()) {
            return;
        }
        for (int from = 0; from < ids.size(); from += READ_ACK_TASK_IDS) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + READ_ACK_TASK_IDS));
            // The senders' receipts leave with the store's event.
            session.writes().track(idBytes(chunk), () -> conversations.readAck(session.participant(), chunk))
                    .whenComplete((receipts, failure) -> {
                        if (failure != null) {
                            failed.reply(session, frame, failure);
                        }
                    });
        }
    }

    /** What a write of these ids holds, about (as the write queue counts it). */
    private static long idBytes(List<String> ids) {
        long bytes = SMALL_WRITE;
        for (String id : ids) {
            bytes += 48 + Session.bytes(id);
        }
        return bytes;
    }

    /** Ext delivery ack: {@code {"type":"ack","channel_id":...,"seq":N}} or {@code "acks":[{...},...]}. */
    void ack(Session session, InboundFrame frame) {
        List<PendingPosition> positions = new ArrayList<>();
        JsonNode acks = frame.node().get("acks");
        if (acks != null && acks.isArray()) {
            for (JsonNode ack : acks) {
                if (!ack.isObject()) {
                    throw new ProtocolException(ErrorCode.BAD_FIELD, "'acks' is a list of {channel_id, seq}");
                }
                positions.add(position(session, InboundFrame.of((ObjectNode) ack)));
            }
        } else {
            positions.add(position(session, frame));
        }
        session.writes().track(SMALL_WRITE + 64L * positions.size(),
                () -> conversations.delivered(session.participant(), positions));
    }

    private PendingPosition position(Session session, InboundFrame ack) {
        String channel = ack.string("channel_id") != null ? ack.string("channel_id") : ack.string("channel");
        Long seq = ack.integer("seq");
        if (channel == null || seq == null || seq < 0) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "an ack needs 'channel_id' and 'seq' (an integer >= 0)");
        }
        return conversations.position(session.participant(), channel, seq);
    }

    void history(Session session, InboundFrame frame) {
        String reference = frame.requiredString("channel", ErrorCode.CHANNEL_NOT_FOUND);
        Reader reader = Reader.named(session.participant());
        Long limit = frame.integer("limit");
        Long afterSeq = frame.integer("after_seq");
        Conversations.ChannelPage page = afterSeq != null
                ? conversations.after(reader, reference, afterSeq, clamp(limit, 1000))
                : conversations.history(reader, reference, limit == null ? null : (int) clamp(limit, 200),
                        before(frame.string("before")));
        ObjectNode result = WireFormat.frame("history_result").put("channel_id", page.channel().channelId())
                .put("channel_name", page.channel().name());
        result.set("messages", WireFormat.messages(page.messages()));
        if (session.isExt() && MessagePages.cutBySize(page.messages())) {
            result.put("has_more", true); // cut by size: page on with before / after_seq
        }
        session.send(WireFormat.text(result));
    }

    void thread(Session session, InboundFrame frame) {
        String root = frame.requiredString("message_id", ErrorCode.BAD_FIELD);
        // Every message judged on its own: a reply in a DM, or targeted elsewhere, is not shown.
        List<StoredMessage> thread = conversations.thread(Reader.named(session.participant()), root);
        ObjectNode result = WireFormat.frame("thread_result").put("message_id", root);
        result.set("messages", WireFormat.messages(thread));
        session.send(WireFormat.text(result));
    }

    /** Typing: throttled and told to the channel's other members by the domain service. */
    void typing(Session session, InboundFrame frame) {
        conversations.typing(session.participant(), frame.requiredString("channel", ErrorCode.CHANNEL_NOT_FOUND));
    }

    private static int clamp(Long limit, int max) {
        if (limit == null) {
            return Math.min(50, max);
        }
        if (limit < 1) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'limit' must be at least 1");
        }
        return (int) Math.min(limit, max);
    }

    private static Instant before(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (RuntimeException e) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'before' must be an ISO-8601 timestamp");
        }
    }
}
