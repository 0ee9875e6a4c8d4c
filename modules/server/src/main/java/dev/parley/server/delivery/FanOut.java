package dev.parley.server.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Features;
import dev.parley.server.ops.Metrics;
import dev.parley.server.session.Session;
import dev.parley.server.session.SessionRegistry;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.ReadReceipts;
import dev.parley.store.StoredMessage;
import dev.parley.store.Timestamps;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pushes events to the live sessions that should see them: messages to members, receipts to
 * senders, presence and typing to those who share a channel, edits and reactions to members who
 * opted into them.
 *
 * <p>Called on the store's completion thread, in commit order, so each channel's messages reach
 * every session in seq order. Everything here only queues frames; nothing blocks.
 */
public final class FanOut {
    private final SessionRegistry sessions;
    private final MembershipCache membership;
    private final DeliveryTracker tracker;
    private final LongAdder deliveries;

    public FanOut(SessionRegistry sessions, MembershipCache membership, DeliveryTracker tracker, Metrics metrics) {
        this.sessions = sessions;
        this.membership = membership;
        this.tracker = tracker;
        this.deliveries = metrics.counter("parley_deliveries_total", "Message frames queued to sessions.");
    }

    /** A new message: a {@code message} frame to every online recipient (not the sender). */
    public void message(StoredMessage m) {
        String frame = WireFormat.text(WireFormat.messageFrame(m));
        Collection<String> recipients = m.to() != null ? List.of(m.to()) : membership.members(m.channelId());
        for (String recipient : recipients) {
            if (recipient.equals(m.sender())) {
                continue;
            }
            for (Session session : sessions.sessionsOf(recipient)) {
                Runnable onWritten = session.has(Features.DELIVERY_ACK)
                        ? null : () -> tracker.written(recipient, m.channelId(), m.seq());
                session.feed().live(m.channelId(), m.seq(), frame, onWritten);
                deliveries.increment();
            }
        }
    }

    /** Read receipts: each original sender who is online learns who read which of their messages. */
    public void receipts(ReadReceipts receipts) {
        receipts.bySender().forEach((sender, ids) -> {
            ObjectNode frame = WireFormat.frame("receipt");
            frame.putArray("message_ids").addAll(ids.stream().map(WireFormat.object()::textNode).toList());
            frame.put("reader", receipts.reader()).put("status", "read");
            sendTo(sender, WireFormat.text(frame), null);
        });
    }

    /** Presence, to everyone who shares a channel with the participant (not to the whole hub). */
    public void presence(String participant, String status, Collection<String> audience) {
        ObjectNode frame = WireFormat.frame("presence").put("participant", participant).put("status", status)
                .put("timestamp", Timestamps.now());
        String text = WireFormat.text(frame);
        for (String peer : audience) {
            if (!peer.equals(participant)) {
                sendTo(peer, text, null);
            }
        }
    }

    /** Someone is typing in a channel: the other online members hear of it. */
    public void typing(String channelId, String channelName, String participant) {
        String text = WireFormat.text(WireFormat.frame("typing").put("channel", channelName)
                .put("channel_id", channelId).put("participant", participant));
        for (String member : membership.members(channelId)) {
            if (!member.equals(participant)) {
                sendTo(member, text, null);
            }
        }
    }

    /** An extension event about a channel (edit, delete, reaction), to members who opted into it. */
    public void channelEvent(String channelId, ObjectNode frame, String feature) {
        String text = WireFormat.text(frame);
        for (String member : membership.members(channelId)) {
            sendTo(member, text, feature);
        }
    }

    private void sendTo(String participant, String text, String feature) {
        for (Session session : sessions.sessionsOf(participant)) {
            if (feature == null || session.has(feature)) {
                session.send(text);
            }
        }
    }
}
