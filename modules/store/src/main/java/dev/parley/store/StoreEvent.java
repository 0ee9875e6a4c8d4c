package dev.parley.store;

import java.util.Objects;

/**
 * A change to the hub's conversation state, as the store committed it: what fan-out, the membership cache and
 * anything else that mirrors the database listen to ({@link StoreEventListener}, {@link HubStore#subscribe}).
 *
 * <p>Events leave the store on its completion thread, strictly in commit order, once their transaction is durable;
 * a write task that failed (or whose transaction failed) leaves none. Within a task they come in the order the task
 * made the changes: a first post that joins its channel is {@link MemberJoined}, then {@link MessagePosted}.
 *
 * <p>What is an event: messages (posted, edited, deleted), reactions, channels created, changed or deleted, members
 * joining or leaving, participants registered, read state that others see (receipts), and claims. Bookkeeping nobody
 * else sees is not: a participant's last-seen time, its delivery cursors, keys, hub settings and tokens.
 */
public sealed interface StoreEvent {
    /** A new message (not a resend of an earlier one: those change nothing). */
    record MessagePosted(StoredMessage message) implements StoreEvent {
        public MessagePosted {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A message's body was replaced; {@code message} is the message as it is now. */
    record MessageEdited(StoredMessage message) implements StoreEvent {}

    /** A message was deleted; {@code tombstone} keeps its id, channel and seq, with an empty body. */
    record MessageDeleted(StoredMessage tombstone) implements StoreEvent {}

    /** A participant's emoji was added to ({@code added}) or removed from a message. */
    record ReactionChanged(StoredMessage message, String participant, String emoji, boolean added)
            implements StoreEvent {}

    /** A channel was made: a group channel by {@code create}, or a DM on its first use. */
    record ChannelCreated(Channel channel) implements StoreEvent {}

    /** A channel was renamed, its topic set, archived or unarchived; {@code channel} as it is now. */
    record ChannelChanged(Channel channel, Change change) implements StoreEvent {
        /** What changed, as the {@code change} field of a {@code channel_changed} frame names it. */
        public enum Change {
            RENAMED, TOPIC, ARCHIVED, UNARCHIVED;

            public String wire() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }
    }

    /** A channel was deleted with all its messages; {@code members} are those it had, who must learn of it. */
    record ChannelDeleted(Channel channel, java.util.List<String> members) implements StoreEvent {}

    /** A participant stopped being a member of a channel (it left). */
    record MemberLeft(String channelId, String participant) implements StoreEvent {}

    /** A participant became a member of a channel (by joining, posting first, creating it, a DM, or registering). */
    record MemberJoined(String channelId, String participant) implements StoreEvent {}

    /** A new participant name was registered. */
    record ParticipantRegistered(String name) implements StoreEvent {}

    /** Messages became read by {@code receipts.reader()}: per original sender, the ids (never empty). */
    record MessagesRead(ReadReceipts receipts) implements StoreEvent {}

    /** A participant's read cursor in a channel moved: up to {@code seq}, or the channel's newest message if lower. */
    record ReadUpTo(String participant, String channelId, long seq) implements StoreEvent {}

    /** A claim was granted, renewed, released or expired ({@link Claims}); {@code claim} as it was or is now. */
    record ClaimChanged(Claim claim, Claim.Change change) implements StoreEvent {}

    /** A question for a human was answered ({@link Questions}); {@code question} as answered. */
    record QuestionAnswered(Question question) implements StoreEvent {}
}
