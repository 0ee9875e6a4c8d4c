package dev.parley.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Delivery and read state: two cursors per member and channel, plus exceptions for messages
 * acknowledged out of order. Reads block; writes are queued.
 *
 * <p>A message is pending for a participant when it is in one of their channels, after their
 * delivered cursor and not excepted, not sent by them, not deleted, and not targeted at someone
 * else. Read implies delivered.
 */
public interface Cursors {
    /**
     * Pending messages after a position, ordered by channel id then seq, at most {@code limit} and at
     * most a page of text ({@link MessagePages}).
     */
    List<StoredMessage> pending(String participant, PendingPosition after, int limit);

    /**
     * The oldest messages pending for a participant across all channels, oldest first, at most {@code limit}: the
     * compat {@code /api/pending} list, in the reference hub's order ({@link #pending} pages by channel instead).
     */
    List<StoredMessage> pendingOldestFirst(String participant, int limit);

    /** How many messages are pending for a participant. */
    long pendingCount(String participant);

    /** A participant's cursors in each of their channels. */
    List<MemberCursor> cursors(String participant);

    /**
     * Marks everything up to a seq delivered (the cursor never moves back, nor past the channel's
     * newest message).
     *
     * @return whether the cursor moved
     */
    CompletableFuture<Boolean> markDelivered(String participant, String channelId, long uptoSeq);

    /** Several {@link #markDelivered} in one task: what a session flushes after writing a burst. */
    CompletableFuture<Void> markDelivered(String participant, Collection<PendingPosition> upto);

    /** Marks everything up to a seq read (and delivered). */
    CompletableFuture<Boolean> markRead(String participant, String channelId, long uptoSeq);

    /**
     * The participant's unread messages (others', in its channels, for it), oldest first, at most {@code limit}, and
     * in the same write task its read cursors moved past them: each is returned once, ever — an inbox that does not
     * show again what it showed (a lost answer loses them; they stay in history).
     */
    CompletableFuture<List<StoredMessage>> takeUnread(String participant, int limit);

    /**
     * Compat {@code /api/ack}: marks these messages delivered, in any order. Unknown ids and ids
     * that are not the participant's to receive are ignored.
     */
    CompletableFuture<AckResult> ack(String participant, Collection<String> messageIds);

    /** Compat {@code /api/ack-all}: marks everything delivered, or only what was created before a time. */
    CompletableFuture<AckResult> ackAll(String participant, Instant before);

    /**
     * Marks these messages read (and delivered), in any order.
     *
     * @return per original sender, the ids that became read now — the receipts to send
     */
    CompletableFuture<ReadReceipts> readAck(String participant, Collection<String> messageIds);

    /** Per channel with unread messages: how many the participant has not read. */
    List<UnreadCount> unread(String participant);

    /**
     * Per recipient of a message (members who were there when it was sent, except its sender; only
     * the target of a targeted message): queued, delivered or read.
     *
     * @throws StoreException.MessageNotFound for an unknown id
     */
    List<DeliveryStatus> delivery(String messageId);
}
