package dev.parley.server.conversation;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Names;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.ops.Metrics;
import dev.parley.store.AckResult;
import dev.parley.store.Appended;
import dev.parley.store.Channel;
import dev.parley.store.ChannelCreation;
import dev.parley.store.DeliveryStatus;
import dev.parley.store.HubStore;
import dev.parley.store.NewMessage;
import dev.parley.store.PendingPosition;
import dev.parley.store.Reaction;
import dev.parley.store.ReactionChange;
import dev.parley.store.ReadReceipts;
import dev.parley.store.Reader;
import dev.parley.store.StoredMessage;
import dev.parley.store.UnreadCount;
import dev.parley.store.Vocabulary;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hub's domain service: everything a participant does in a conversation — post, edit, delete, react, join,
 * create, DM, read and acknowledge, type, come and go — and every read of conversation content, for every face.
 * The socket and REST code parse a request, call one method here, and answer; neither reaches the store, fan-out or
 * the membership cache itself.
 *
 * <p>Who may read what is {@link ReadRule}'s, applied here to every read and to every write that names a message or
 * channel (what a participant may not read, it may not touch either, and it answers like what does not exist). Who
 * may write where: anyone registered posts to a group channel (a first post joins it, in the same write task), only
 * the two members post to a DM, and nobody to an archived channel. Who may change a channel (leave, rename, topic,
 * archive, delete) is {@link ChannelRule}'s.
 *
 * <p>Writes return the store's futures, completed on its completion thread once durable; what others must learn of
 * a write (messages, edits, reactions and receipts to sessions; new members to the membership cache) follows from
 * the store's events ({@link dev.parley.store.StoreEvent}), in commit order, not from here. Nothing here blocks on
 * the disk. Thread-safe.
 */
public final class Conversations {
    private final HubStore store;
    private final MembershipCache membership;
    private final ReadRule reads;
    private final ChannelRule changes;
    private final LiveSignals live;
    private final TypingThrottle typing;
    private final LongAdder typingDropped;
    private final LongAdder loopGuardTrips;
    private final int loopGuard;

    /**
     * @param typingIntervalMillis the least time between two typing signals of one participant in one channel
     * @param loopGuard the hub's loop guard: agent messages in a row a channel takes with no human's (0: off)
     */
    public Conversations(HubStore store, MembershipCache membership, ReadRule reads, LiveSignals live, Metrics metrics,
                         long typingIntervalMillis, int loopGuard) {
        this.loopGuard = loopGuard;
        this.store = store;
        this.membership = membership;
        this.reads = reads;
        this.changes = new ChannelRule(membership);
        this.live = live;
        this.typing = new TypingThrottle(typingIntervalMillis);
        this.typingDropped = metrics.counter("parley_typing_dropped_total",
                "Typing frames not fanned out: the same member typed in the same channel too recently.");
        this.loopGuardTrips = metrics.counter("parley_loop_guard_trips_total",
                "Times agents wrote a channel's loop-guard limit of messages in a row with no human, and were stopped.");
        metrics.gauge("parley_typing_throttle_entries", "Recent typers the typing throttle remembers.", typing::size);
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    /** A page of a channel's messages, with the channel it was read from. */
    public record ChannelPage(Channel channel, List<StoredMessage> messages) {}

    /** One message with its reactions. */
    public record MessageView(StoredMessage message, List<Reaction> reactions) {}

    /** A message the reader may read (else {@code message_not_found}, as if it did not exist). */
    public StoredMessage message(Reader reader, String messageId) {
        return reads.message(reader, messageId);
    }

    /** Whether the reader may read the channel (by id or name). */
    public boolean canRead(Reader reader, String channelReference) {
        try {
            reads.channel(reader, channelReference);
            return true;
        } catch (ProtocolException hidden) {
            return false;
        }
    }

    /** A readable message and its reactions. */
    public MessageView messageWithReactions(Reader reader, String messageId) {
        StoredMessage message = reads.message(reader, messageId);
        return new MessageView(message, store.messages().reactions(message.messageId()));
    }

    /** The newest messages of a readable channel (before a time, if given), oldest first; see {@code Messages.history}. */
    public ChannelPage history(Reader reader, String channelReference, Integer limit, Instant before) {
        Channel channel = reads.channel(reader, channelReference);
        return new ChannelPage(channel, store.messages().history(channel.channelId(), reader, limit, before));
    }

    /** A readable channel's messages after a seq, tombstones included (resume, paging on); see {@code Messages.after}. */
    public ChannelPage after(Reader reader, String channelReference, long afterSeq, int limit) {
        Channel channel = reads.channel(reader, channelReference);
        return new ChannelPage(channel, store.messages().after(channel.channelId(), afterSeq, reader, limit));
    }

    /** A thread's root and replies, each as the reader may read it. */
    public List<StoredMessage> thread(Reader reader, String rootId) {
        return store.messages().thread(rootId, reader);
    }

    /** Readable messages containing {@code q}, newest first; only from {@code participant}'s channels if given. */
    public List<StoredMessage> search(Reader reader, String q, String participant, Integer limit) {
        return store.messages().search(q, reader, participant, limit);
    }

    /** Public channels and the reader's own, by name, after {@code after}. */
    public List<Channel> channels(Reader reader, String after, int limit) {
        return channels(reader, after, limit, false);
    }

    /** As {@link #channels(Reader, String, int)}, with archived channels too when {@code includeArchived}. */
    public List<Channel> channels(Reader reader, String after, int limit, boolean includeArchived) {
        return store.channels().page(reader, after, limit, includeArchived);
    }

    /** The channels a participant belongs to, by name. */
    public List<Channel> channelsOf(String participant) {
        return store.channels().channelsOf(participant);
    }

    /** Who received and read a message the reader may read. */
    public List<DeliveryStatus> delivery(Reader reader, String messageId) {
        return store.cursors().delivery(reads.message(reader, messageId).messageId());
    }

    /** The participant's pending messages, oldest first (the participant acts as itself: its caller checked). */
    public List<StoredMessage> pending(String participant, int limit) {
        return store.cursors().pendingOldestFirst(participant, limit);
    }

    /** How many messages are pending for the participant. */
    public long pendingCount(String participant) {
        return store.cursors().pendingCount(participant);
    }

    /** Per channel with unread messages, how many the participant has not read. */
    public List<UnreadCount> unread(String participant) {
        return store.cursors().unread(participant);
    }

    // ---- messages ----------------------------------------------------------------------------------------------

    /**
     * Checks a message a participant wants to post and names its channel by id: the channel must be one it may post
     * to, and a quoted message one it may read. Stores nothing, so a face may check before it registers a sender.
     */
    public NewMessage compose(String sender, String channelReference, MessageInput.Checked checked) {
        reads.requireQuotable(sender, checked.replyTo());
        Channel channel = sendable(channelReference, sender);
        return new NewMessage(channel.channelId(), sender, checked.body(), checked.messageType(), checked.priority(),
                checked.replyTo(), checked.metadata(), checked.to(), checked.clientMsgId());
    }

    /** The channel a participant may post to (a claim's announcements go there too); see {@link #sendable}. */
    public Channel postable(String participant, String channelReference) {
        return sendable(channelReference, participant);
    }

    /** The channel a participant may post to: any group channel; a DM only its members (others: as if absent). */
    private Channel sendable(String reference, String participant) {
        Channel channel = store.channels().require(reference);
        if (channel.channelType().equals(Vocabulary.DM) && !membership.isMember(channel.channelId(), participant)) {
            throw new ProtocolException(ErrorCode.CHANNEL_NOT_FOUND, "channel not found: " + reference);
        }
        changes.requireLive(channel, "post");
        return channel;
    }

    /**
     * Stores a message {@link #compose} made: a member's is appended; a first post joins the channel in the same write
     * task, so nothing waits between the two and nothing is left behind when either fails.
     */
    public CompletableFuture<Appended> post(NewMessage message) {
        CompletableFuture<Appended> appended = membership.isMember(message.channelId(), message.sender())
                ? store.messages().append(message)
                : store.messages().appendJoining(message);
        return appended.thenApply(result -> {
            if (result.loopGuardTripped()) {
                // Not stored: the guard's notice was, in its place. The sender learns why, like the ones after it.
                loopGuardTrips.increment();
                throw new ProtocolException(ErrorCode.LOOP_GUARD, result.message().body());
            }
            return result;
        });
    }

    /** Replaces the body of one's own message (one the editor may read; else {@code message_not_found}). */
    public CompletableFuture<StoredMessage> edit(String editor, String messageId, String body) {
        String id = reads.message(Reader.named(editor), messageId).messageId();
        return store.messages().edit(id, editor, body);
    }

    /** Deletes one's own message, leaving a tombstone. */
    public CompletableFuture<StoredMessage> delete(String requester, String messageId) {
        String id = reads.message(Reader.named(requester), messageId).messageId();
        return store.messages().delete(id, requester);
    }

    /** Adds ({@code add} true) or removes a reaction to a readable message; {@code add} null toggles it. */
    public CompletableFuture<ReactionChange> react(String participant, String messageId, String emoji, Boolean add) {
        String id = reads.message(Reader.named(participant), messageId).messageId();
        return store.messages().react(id, participant, emoji, add);
    }

    // ---- channels ----------------------------------------------------------------------------------------------

    /** The channel a participant may join: one it may read (a DM it is not in answers like a missing channel). */
    public Channel joinable(String participant, String channelReference) {
        return reads.channel(Reader.named(participant), channelReference);
    }

    /** Joins a group channel (a DM one is not in answers like a missing channel). */
    public CompletableFuture<Channel> join(String participant, String channelReference) {
        return join(participant, joinable(participant, channelReference));
    }

    /** Joins a channel {@link #joinable} returned (the store still refuses a DM the participant is not in). */
    public CompletableFuture<Channel> join(String participant, Channel joinable) {
        return store.channels().join(joinable.channelId(), participant);
    }

    /** Creates a group channel (its creator, if any, its first member), or answers the existing one of that name. */
    public CompletableFuture<ChannelCreation> create(String name, String createdBy, String topic) {
        return store.channels().create(name, createdBy, topic == null ? "" : topic);
    }

    /** The DM channel of two registered participants, made on first use. */
    public CompletableFuture<Channel> dm(String a, String b) {
        Names.participant(b);
        return store.channels().dm(a, b);
    }

    // ---- a channel's life: leave, rename, topic, archive, delete (who may: ChannelRule) ----------------------------

    /** A member leaves a group channel (general and DMs cannot be left). */
    public CompletableFuture<Channel> leave(String participant, String channelReference) {
        Channel channel = reads.channel(Reader.named(participant), channelReference);
        changes.requireMember(participant, channel, "leave it");
        return store.channels().leave(channel.channelId(), participant);
    }

    /** Its creator renames a group channel; {@code name} follows the rules of create (checked by the caller). */
    public CompletableFuture<Channel> rename(String participant, String channelReference, String name) {
        Channel channel = reads.channel(Reader.named(participant), channelReference);
        changes.requireCreator(participant, channel, "rename");
        return store.channels().rename(channel.channelId(), Names.newChannel(name));
    }

    /** A member sets a live group channel's topic (null or empty: none). */
    public CompletableFuture<Channel> setTopic(String participant, String channelReference, String topic) {
        Channel channel = reads.channel(Reader.named(participant), channelReference);
        changes.requireMember(participant, channel, "set its topic");
        changes.requireLive(channel, "set its topic");
        return store.channels().setTopic(channel.channelId(), topic == null ? "" : topic);
    }

    /** Its creator archives ({@code archived}) or unarchives a group channel. */
    public CompletableFuture<Channel> archive(String participant, String channelReference, boolean archived) {
        Channel channel = reads.channel(Reader.named(participant), channelReference);
        changes.requireCreator(participant, channel, archived ? "archive" : "unarchive");
        return store.channels().setArchived(channel.channelId(), archived);
    }

    /** Its creator deletes a channel with all its messages, in one transaction; answers it as it was. */
    public CompletableFuture<Channel> deleteChannel(String participant, String channelReference) {
        Channel channel = reads.channel(Reader.named(participant), channelReference);
        changes.requireCreator(participant, channel, "delete");
        return store.channels().delete(channel.channelId());
    }

    // ---- the loop guard ----------------------------------------------------------------------------------------

    /** A channel's loop guard as the reader may see it (a channel it may read), with the limit in force. */
    public record LoopGuardView(Channel channel, int limit, Integer channelLimit, int agentStreak, String pausedSince) {}

    /** A readable channel's loop guard. */
    public LoopGuardView loopGuard(Reader reader, String channelReference) {
        Channel channel = reads.channel(reader, channelReference);
        return view(channel, store.channels().loopGuard(channel.channelId()));
    }

    /**
     * Sets a channel's own loop-guard limit (0: never refuse agents there; null: the hub's). Only a human may, in a
     * channel it may read: the guard is there to keep agents from deciding alone.
     */
    public CompletableFuture<LoopGuardView> setLoopGuard(String participant, String channelReference, Long limit) {
        if (limit != null && (limit < 0 || limit > 100_000)) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'limit' is " + limit + "; 0 (off) to 100000 agent "
                    + "messages, or null for the hub's " + loopGuard);
        }
        Channel channel = reads.channel(Reader.named(participant), channelReference);
        String type = store.participants().find(participant).map(p -> p.participantType()).orElse("ai");
        if (!"human".equals(type)) {
            throw new ProtocolException(ErrorCode.NOT_ALLOWED, "only a human sets a channel's loop guard; "
                    + participant + " is registered as '" + type + "'");
        }
        return store.channels().setLoopGuard(channel.channelId(), limit == null ? null : limit.intValue())
                .thenApply(state -> view(channel, state));
    }

    private LoopGuardView view(Channel channel, dev.parley.store.LoopGuardState state) {
        return new LoopGuardView(channel, state.limit() != null ? state.limit() : loopGuard, state.limit(),
                state.agentStreak(), state.trippedAt());
    }

    // ---- read and delivery state -------------------------------------------------------------------------------

    /** Marks messages read; their senders get receipts (through the store's event). */
    public CompletableFuture<ReadReceipts> readAck(String reader, Collection<String> messageIds) {
        return store.cursors().readAck(reader, messageIds);
    }

    /**
     * A delivery position a participant acknowledges, in a channel it may read (another pair's DM answers like a
     * missing channel, so acks cannot probe who talks to whom).
     */
    public PendingPosition position(String participant, String channelReference, long seq) {
        return new PendingPosition(reads.channel(Reader.named(participant), channelReference).channelId(), seq);
    }

    /** What marking a channel read did: up to which seq (null asked: the newest the hub knew of), whether it moved. */
    public record MarkedRead(Channel channel, long seq, boolean moved) {}

    /**
     * Marks a readable channel read up to {@code seq} (null: its newest message): one cursor move, however many
     * messages — what a person reading a channel, or an agent done with it, does instead of a receipt per message.
     */
    public CompletableFuture<MarkedRead> markRead(String participant, String channelReference, Long seq) {
        Channel channel = reads.channel(Reader.named(participant), channelReference);
        if (seq != null && seq < 0) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'seq' must be 0 or more");
        }
        long upto = seq == null ? Long.MAX_VALUE : seq;
        return store.cursors().markRead(participant, channel.channelId(), upto)
                .thenApply(moved -> new MarkedRead(channel, seq != null ? seq : channel.lastSeq(), moved));
    }

    /**
     * The participant's unread messages, oldest first, at most {@code limit}, marked read as they are taken: each
     * is shown once (the MCP {@code inbox}).
     */
    public CompletableFuture<List<StoredMessage>> takeUnread(String participant, int limit) {
        return store.cursors().takeUnread(participant, limit);
    }

    /** Marks everything up to these positions delivered. */
    public CompletableFuture<Void> delivered(String participant, Collection<PendingPosition> positions) {
        return store.cursors().markDelivered(participant, positions);
    }

    /** Compat {@code /api/ack}: these messages delivered, in any order. */
    public CompletableFuture<AckResult> ack(String recipient, Collection<String> messageIds) {
        return store.cursors().ack(recipient, messageIds);
    }

    /** Compat {@code /api/ack-all}: everything delivered, or what was created before a time. */
    public CompletableFuture<AckResult> ackAll(String recipient, Instant before) {
        return store.cursors().ackAll(recipient, before);
    }

    // ---- live signals ------------------------------------------------------------------------------------------

    /**
     * Someone is typing: throttled per participant and channel reference before anything is looked up, so a flood
     * costs a check each and no database read (a reference is checked for shape first, which keeps the throttle's
     * keys short; a channel's id and its name are two references: at most two signals per interval). Only a member's
     * typing is told, to the channel's other members.
     */
    public void typing(String participant, String channelReference) {
        if (Names.isPlausibleChannelReference(channelReference) && !typing.pass(participant, channelReference)) {
            typingDropped.increment();
            return;
        }
        Channel channel = reads.channel(Reader.named(participant), channelReference);
        if (membership.isMember(channel.channelId(), participant)) {
            live.typing(channel.channelId(), channel.name(), participant);
        }
    }

    /** A participant's first session opened: those who share a channel with it learn it is online. */
    public void online(String participant) {
        live.presence(participant, "online", channelIds(participant));
    }

    /** A participant's last session closed: its last-seen time is kept, and its peers learn it went offline. */
    public void offline(String participant) {
        store.participants().touch(participant, null);
        live.presence(participant, "offline", channelIds(participant));
    }

    /** A participant showed it is alive (a ping): its last-seen time moves. */
    public CompletableFuture<Void> seen(String participant) {
        return store.participants().touch(participant, null);
    }

    private List<String> channelIds(String participant) {
        return store.channels().channelsOf(participant).stream().map(Channel::channelId).toList();
    }
}
