package dev.parley.server.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Features;
import dev.parley.server.conversation.LiveSignals;
import dev.parley.server.conversation.MembershipCache;
import dev.parley.server.conversation.ReadRule;
import dev.parley.server.ops.Metrics;
import dev.parley.server.session.OutboundFrame;
import dev.parley.server.session.Session;
import dev.parley.server.session.SessionRegistry;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.ReadReceipts;
import dev.parley.store.Reader;
import dev.parley.store.StoreEvent;
import dev.parley.store.StoreEventListener;
import dev.parley.store.StoredMessage;
import dev.parley.store.Timestamps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pushes events to the live sessions that should see them: messages to members, receipts to
 * senders, presence and typing to those who share a channel, edits and reactions to members who
 * opted into them.
 *
 * <p>Stored changes arrive as the store's events ({@link #on}), on its completion thread, in commit
 * order, so each channel's messages reach every session in seq order; a commit's frames leave each
 * session as one batch ({@link #commitEnded}). Typing and presence arrive as {@link LiveSignals}
 * from the domain service. Everything here only queues frames; nothing blocks.
 */
public final class FanOut implements StoreEventListener, LiveSignals {
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

    /**
     * Sessions with frames queued by {@link #message} and not yet flushed; touched only on the store's completion
     * thread (the events and {@link #commitEnded} both arrive there).
     */
    private final Set<Session> queued = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** A committed change: to the sessions that should see it, as the frame each expects. */
    @Override
    public void on(StoreEvent event) {
        if (event instanceof StoreEvent.MessagePosted posted) {
            message(posted.message());
        } else if (event instanceof StoreEvent.MessageEdited edited) {
            messageEvent(edited.message(), WireFormat.messageFrame("message_edited", edited.message()),
                    Features.EDIT_DELETE);
        } else if (event instanceof StoreEvent.MessageDeleted deleted) {
            StoredMessage m = deleted.tombstone();
            messageEvent(m, WireFormat.text(WireFormat.frame("message_deleted").put("message_id", m.messageId())
                    .put("channel_id", m.channelId()).put("seq", m.seq()).put("deleted_at", m.deletedAt())),
                    Features.EDIT_DELETE);
        } else if (event instanceof StoreEvent.ReactionChanged reaction) {
            StoredMessage m = reaction.message();
            messageEvent(m, WireFormat.text(WireFormat.frame("reaction").put("message_id", m.messageId())
                    .put("channel_id", m.channelId()).put("participant", reaction.participant())
                    .put("emoji", reaction.emoji()).put("action", reaction.added() ? "add" : "remove")),
                    Features.REACTIONS);
        } else if (event instanceof StoreEvent.MessagesRead read) {
            receipts(read.receipts());
        } else if (event instanceof StoreEvent.ClaimChanged changed) {
            claimChanged(changed);
        } else if (event instanceof StoreEvent.ChannelChanged changed) {
            channelChanged(changed.change().wire(), changed.channel(), null, membership.members(changed.channel()
                    .channelId()));
        } else if (event instanceof StoreEvent.MemberLeft left) {
            // The cache may have dropped the leaver already: it is told as well as those who stay.
            Set<String> audience = new HashSet<>(membership.members(left.channelId()));
            audience.add(left.participant());
            channelChanged("member_left", null, left, audience);
        } else if (event instanceof StoreEvent.ChannelDeleted deleted) {
            channelChanged("deleted", deleted.channel(), null, deleted.members());
        }
    }

    /** A claim changed: every session with the {@code claims} feature hears it (claims are visible to all). */
    private void claimChanged(StoreEvent.ClaimChanged changed) {
        ObjectNode frame = WireFormat.frame("claim_changed").put("change", changed.change().wire());
        frame.set("claim", WireFormat.claim(changed.claim(), java.time.Instant.now()));
        String text = WireFormat.text(frame);
        for (Session session : sessions.all()) {
            if (session.has(Features.CLAIMS)) {
                session.send(text);
            }
        }
    }

    /**
     * A channel changed ({@code change}: renamed, topic, archived, unarchived, deleted, member_left): a
     * {@code channel_changed} frame to its members' sessions with the {@code channels} feature, so open pages update.
     * A member leaving names the channel by id with the {@code participant} who left (the channel is unchanged).
     */
    private void channelChanged(String change, dev.parley.store.Channel channel, StoreEvent.MemberLeft left,
                                Collection<String> audience) {
        ObjectNode frame = WireFormat.frame("channel_changed").put("change", change);
        if (channel != null) {
            frame.put("channel_id", channel.channelId());
            frame.set("channel", WireFormat.channel(channel));
        } else {
            frame.put("channel_id", left.channelId()).put("participant", left.participant());
        }
        OutboundFrame encoded = OutboundFrame.of(WireFormat.text(frame)); // encoded once for all
        for (String member : audience) {
            sendTo(member, encoded, Features.CHANNELS);
        }
    }

    /** The end of a commit: every session that got frames starts writing them, as one batch. */
    @Override
    public void commitEnded() {
        for (Session session : queued) {
            session.flush();
        }
        queued.clear();
    }

    /**
     * A new message: a {@code message} frame to every online recipient (the sender only where it asked for its own
     * messages), queued; the frames of
     * one commit leave each session together at {@link #commitEnded}.
     */
    private void message(StoredMessage m) {
        OutboundFrame frame = OutboundFrame.of(WireFormat.messageFrame("message", m)); // encoded once for all
        int frames = 0;
        for (String recipient : recipients(m)) {
            if (recipient.equals(m.sender())) {
                continue;
            }
            for (Session session : sessions.sessionsOf(recipient)) {
                // A compat client's delivery counts once written; one with delivery_ack says so itself.
                if (session.feed().queueLive(m.channelId(), m.seq(), frame,
                        session.has(Features.DELIVERY_ACK) ? null : tracker)) {
                    queued.add(session);
                }
                frames++;
            }
        }
        ownEcho(m, frame); // whoever the recipients are: a targeted message is its sender's to see as well
        deliveries.add(frames);
    }

    /**
     * The sender's own message to its sessions that asked for {@link Features#OWN_MESSAGES} (the sending one too: a
     * page drops what it already has by id). Never counted as a delivery: one's own message is nobody's pending.
     */
    private void ownEcho(StoredMessage m, OutboundFrame frame) {
        for (Session session : sessions.sessionsOf(m.sender())) {
            if (session.has(Features.OWN_MESSAGES) && session.feed().queueLive(m.channelId(), m.seq(), frame, null)) {
                queued.add(session);
            }
        }
    }

    /**
     * Who may get a message live: its target, or the channel's members — walked from whichever side
     * is smaller, so a send to a channel of thousands of offline members costs no more than the
     * number of participants online.
     */
    private Collection<String> recipients(StoredMessage m) {
        if (m.to() != null) {
            return List.of(m.to());
        }
        Set<String> members = membership.members(m.channelId());
        Set<String> online = sessions.onlineParticipants();
        if (online.size() >= members.size()) {
            return members;
        }
        List<String> onlineMembers = new ArrayList<>();
        for (String name : online) {
            if (members.contains(name)) {
                onlineMembers.add(name);
            }
        }
        return onlineMembers;
    }

    /** Read receipts: each original sender who is online learns who read which of their messages. */
    private void receipts(ReadReceipts receipts) {
        receipts.bySender().forEach((sender, ids) -> {
            ObjectNode frame = WireFormat.frame("receipt");
            frame.putArray("message_ids").addAll(ids.stream().map(WireFormat.object()::textNode).toList());
            frame.put("reader", receipts.reader()).put("status", "read");
            sendTo(sender, OutboundFrame.of(WireFormat.text(frame)), null);
        });
    }

    /**
     * Channels larger than this carry no presence: in a hub of thousands of agents who all sit in
     * {@code general}, telling everyone of every connect would cost N² frames (a reconnect storm of
     * 10,000 clients: 10^8). Members of smaller channels still see each other come and go, and
     * {@code /api/presence} always answers.
     */
    public static final int PRESENCE_CHANNEL_LIMIT = 256;

    /** Presence, to those who share a channel of at most {@value #PRESENCE_CHANNEL_LIMIT} members with the participant. */
    @Override
    public void presence(String participant, String status, Collection<String> channelIds) {
        Set<String> audience = new HashSet<>();
        for (String channelId : channelIds) {
            Set<String> members = membership.members(channelId);
            if (members.size() <= PRESENCE_CHANNEL_LIMIT) {
                audience.addAll(members);
            }
        }
        audience.remove(participant);
        if (audience.isEmpty()) {
            return;
        }
        ObjectNode frame = WireFormat.frame("presence").put("participant", participant).put("status", status)
                .put("timestamp", Timestamps.now());
        OutboundFrame text = OutboundFrame.of(WireFormat.text(frame));
        for (String peer : audience) {
            sendTo(peer, text, null);
        }
    }

    /** Someone is typing in a channel: the other online members hear of it. */
    @Override
    public void typing(String channelId, String channelName, String participant) {
        OutboundFrame text = OutboundFrame.of(WireFormat.text(WireFormat.frame("typing").put("channel", channelName)
                .put("channel_id", channelId).put("participant", participant)));
        for (String member : membership.members(channelId)) {
            if (!member.equals(participant)) {
                sendTo(member, text, null);
            }
        }
    }

    /**
     * An extension event about a message (edit, delete, reaction), to the members who opted into it
     * and may read the message: of a targeted one, its sender and its target only.
     */
    private void messageEvent(StoredMessage message, String text, String feature) {
        OutboundFrame frame = OutboundFrame.of(text);
        for (String member : membership.members(message.channelId())) {
            if (ReadRule.targetAdmits(Reader.named(member), message)) {
                sendTo(member, frame, feature);
            }
        }
    }

    private void sendTo(String participant, OutboundFrame frame, String feature) {
        for (Session session : sessions.sessionsOf(participant)) {
            if (feature == null || session.has(feature)) {
                session.send(frame, null);
            }
        }
    }
}
