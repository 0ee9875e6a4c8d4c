package dev.parley.server.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.Names;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.HubServices;
import dev.parley.server.delivery.TypingThrottle;
import dev.parley.server.session.Session;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Channel;
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
import java.util.concurrent.atomic.LongAdder;

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

    private final HubServices hub;
    private final TypingThrottle typing;
    private final LongAdder typingDropped;

    StateFrames(HubServices hub) {
        this.hub = hub;
        this.typing = new TypingThrottle(hub.limits().typingIntervalMillis());
        this.typingDropped = hub.metrics().counter("parley_typing_dropped_total",
                "Typing frames not fanned out: the same member typed in the same channel too recently.");
        hub.metrics().gauge("parley_typing_throttle_entries", "Recent typers the typing throttle remembers.",
                typing::size);
    }

    void ping(Session session, InboundFrame frame) {
        session.send(WireFormat.text(WireFormat.frame("pong").put("server_time", Timestamps.now())));
        if (session.participant() != null) {
            session.writes().track(SMALL_WRITE, () -> hub.store().participants().touch(session.participant(), null));
        }
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
            session.writes().track(idBytes(chunk), () -> hub.store().cursors().readAck(session.participant(), chunk))
                    .whenComplete((receipts, failure) -> {
                        if (failure != null) {
                            failed.reply(session, frame, failure);
                        } else if (!receipts.isEmpty()) {
                            hub.fanOut().receipts(receipts);
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
                () -> hub.store().cursors().markDelivered(session.participant(), positions));
    }

    private PendingPosition position(Session session, InboundFrame ack) {
        String channel = ack.string("channel_id") != null ? ack.string("channel_id") : ack.string("channel");
        Long seq = ack.integer("seq");
        if (channel == null || seq == null || seq < 0) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "an ack needs 'channel_id' and 'seq' (an integer >= 0)");
        }
        // Another pair's DM answers like a missing channel: acks cannot probe who talks to whom.
        return new PendingPosition(hub.reads().channel(Reader.named(session.participant()), channel).channelId(), seq);
    }

    void history(Session session, InboundFrame frame) {
        String reference = frame.requiredString("channel", ErrorCode.CHANNEL_NOT_FOUND);
        Reader reader = Reader.named(session.participant());
        Channel channel = hub.reads().channel(reader, reference);
        Long limit = frame.integer("limit");
        Long afterSeq = frame.integer("after_seq");
        List<StoredMessage> messages;
        if (afterSeq != null) {
            messages = hub.store().messages().after(channel.channelId(), afterSeq, reader, clamp(limit, 1000));
        } else {
            messages = hub.store().messages().history(channel.channelId(), reader,
                    limit == null ? null : (int) clamp(limit, 200), before(frame.string("before")));
        }
        ObjectNode result = WireFormat.frame("history_result").put("channel_id", channel.channelId())
                .put("channel_name", channel.name());
        result.set("messages", WireFormat.messages(messages));
        if (session.isExt() && MessagePages.cutBySize(messages)) {
            result.put("has_more", true); // cut by size: page on with before / after_seq
        }
        session.send(WireFormat.text(result));
    }

    void thread(Session session, InboundFrame frame) {
        String root = frame.requiredString("message_id", ErrorCode.BAD_FIELD);
        // Every message judged on its own: a reply in a DM, or targeted elsewhere, is not shown.
        List<StoredMessage> thread = hub.store().messages().thread(root, Reader.named(session.participant()));
        ObjectNode result = WireFormat.frame("thread_result").put("message_id", root);
        result.set("messages", WireFormat.messages(thread));
        session.send(WireFormat.text(result));
    }

    /**
     * Typing, throttled per participant and channel reference before anything is looked up, so a
     * flood costs a frame parse each and no database read; the reference is checked for shape first,
     * which keeps the throttle's keys short. (A channel's id and its name are two references: at
     * most two fan-outs per interval.)
     */
    void typing(Session session, InboundFrame frame) {
        String reference = frame.requiredString("channel", ErrorCode.CHANNEL_NOT_FOUND);
        if (Names.isPlausibleChannelReference(reference) && !typing.pass(session.participant(), reference)) {
            typingDropped.increment();
            return;
        }
        Channel channel = hub.reads().channel(Reader.named(session.participant()), reference);
        if (hub.membership().isMember(channel.channelId(), session.participant())) {
            hub.fanOut().typing(channel.channelId(), channel.name(), session.participant());
        }
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
