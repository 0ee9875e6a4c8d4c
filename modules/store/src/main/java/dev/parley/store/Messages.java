package dev.parley.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Messages: appending, reading, searching, editing, deleting, reacting. Reads block; writes are
 * queued. Channel arguments here are channel ids.
 *
 * <p>Reads that take a {@link Reader} return only what that reader may read (see {@link Reader}):
 * public group channels and the reader's own channels, and of a targeted message ({@code to}) only
 * to its target and its sender. A targeted message is delivered to its target only (pending,
 * unread, delivery) and is read by its target and sender only: targeting hides it from the rest.
 */
public interface Messages {
    /**
     * Stores a message as the channel's next seq. Costs the same whatever the channel's size.
     * A resend (same sender and client_msg_id) returns the earlier message, flagged duplicate. A new message is
     * a {@link StoreEvent.MessagePosted} (after {@link StoreEvent.MemberJoined} when {@link #appendJoining} joined).
     * Fails with ChannelNotFound, or NotAllowed when {@code to} is not a member of the channel.
     */
    CompletableFuture<Appended> append(NewMessage message);

    /**
     * {@link #append}, joining the sender to the (group) channel first if it is not a member, in one write task:
     * a first post that joins a channel, with nothing left behind when either part fails and no wait in between.
     * Fails with NotAllowed for a DM the sender is not in.
     */
    CompletableFuture<Appended> appendJoining(NewMessage message);

    /** One message (deleted ones included, with an empty body). */
    Optional<StoredMessage> find(String messageId);

    /**
     * The newest {@code limit} messages of a channel readable by {@code reader} (see
     * {@link Vocabulary#historyLimit}) created before {@code before} if not null, oldest first,
     * deleted ones left out; fewer (the newest) when they carry more text than a page holds
     * ({@link MessagePages}).
     */
    List<StoredMessage> history(String channelId, Reader reader, Integer limit, Instant before);

    /**
     * For lossless resume: the messages of a channel readable by {@code reader} after a seq, in seq
     * order, at most {@code limit} (1 to 1,000) and at most a page of text ({@link MessagePages});
     * deleted ones included as tombstones so a client can drop its copy.
     */
    List<StoredMessage> after(String channelId, long afterSeq, Reader reader, int limit);

    /**
     * A thread as {@code reader} may read it: the root message, then every reply under it (replies
     * to the root, replies to those, and so on) that the reader may read, each judged on its own,
     * oldest first.
     *
     * @throws StoreException.MessageNotFound for an unknown root, or one the reader may not read
     */
    List<StoredMessage> thread(String rootId, Reader reader);

    /**
     * Messages readable by {@code reader} whose body contains {@code q} (case-insensitively; q is
     * literal text, never query syntax), newest first, not deleted, only from the participant's
     * channels when one is given. The rule is applied in the query: up to {@code limit} readable hits.
     */
    List<StoredMessage> search(String q, Reader reader, String participant, Integer limit);

    /** Replaces the body of one's own message; fails with MessageNotFound or NotAllowed. */
    CompletableFuture<StoredMessage> edit(String messageId, String editor, String body);

    /** Soft-deletes one's own message (body emptied, out of search and pending); returns the tombstone. */
    CompletableFuture<StoredMessage> delete(String messageId, String requester);

    /**
     * Adds or removes a participant's emoji on a message; with {@code add} null, toggles it (decided inside the
     * write, so two racing toggles cannot both add).
     *
     * @return what changed, and the message's reactions after the change (read in the same transaction)
     */
    CompletableFuture<ReactionChange> react(String messageId, String participant, String emoji, Boolean add);

    /** A message's reactions, oldest first. */
    List<Reaction> reactions(String messageId);
}
