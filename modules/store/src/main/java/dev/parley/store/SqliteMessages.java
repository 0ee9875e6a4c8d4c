package dev.parley.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Messages} on SQLite. Appends, edits and deletes keep {@code message_search} in step, in the
 * same transaction. Thread-safe: its one piece of state, the {@link SearchIndex} rowid counter, is
 * only touched inside write tasks, on the writer thread.
 */
final class SqliteMessages implements Messages {
    private static final int MAX_AFTER_LIMIT = 1_000;

    private final WriteQueue writes;
    private final ReaderPool reads;
    private final MonotonicClock clock;
    private final SearchIndex searchIndex = new SearchIndex();
    /** The hub's loop guard: agent messages in a row a channel takes (0: off) unless it sets its own. */
    private final int loopGuard;

    SqliteMessages(WriteQueue writes, ReaderPool reads, MonotonicClock clock, int loopGuard) {
        this.writes = writes;
        this.reads = reads;
        this.clock = clock;
        this.loopGuard = loopGuard;
    }

    @Override
    public CompletableFuture<Appended> append(NewMessage message) {
        return submitAppend(message, sql -> append(sql, message));
    }

    @Override
    public CompletableFuture<Appended> appendJoining(NewMessage message) {
        return submitAppend(message, sql -> appendJoiningIn(sql, message, true));
    }

    /**
     * Appends inside another write task (a claim's announcement, in the claim's own transaction), joining the sender
     * to the channel first if it is not a member, as a first post does. Not counted by the loop guard.
     */
    Appended appendJoiningIn(Sql sql, NewMessage message) throws SQLException {
        return appendJoiningIn(sql, message, false);
    }

    /** As a post does, inside another write task (a file's upload): joins a first poster, counts for the loop guard. */
    Appended postIn(Sql sql, NewMessage message) throws SQLException {
        return appendJoiningIn(sql, message, true);
    }

    private Appended appendJoiningIn(Sql sql, NewMessage message, boolean counted) throws SQLException {
        if (!Membership.isMember(sql, message.channelId(), message.sender())) {
            Channel channel = SqliteChannels.find(sql, message.channelId())
                    .orElseThrow(() -> new StoreException.ChannelNotFound(message.channelId()));
            Membership.joinByChoice(sql, channel, message.sender(), clock.next());
        }
        return append(sql, message, counted);
    }

    /** Queues an append task, held against the queue's byte budget by its text. */
    private CompletableFuture<Appended> submitAppend(NewMessage message, SqlTask<Appended> task) {
        return writes.submit(task, heapBytes(message.body(), message.metadata()), null);
    }

    /**
     * What a queued write of this text holds on the heap, at most: Java strings take up to 2 bytes
     * a char; plus the task's small change.
     */
    static long heapBytes(String body, String metadata) {
        return WriteQueue.SMALL_TASK_BYTES + 2L * ((body == null ? 0 : body.length())
                + (metadata == null ? 0 : metadata.length()));
    }

    /** One row in messages, one in the search index, one counter bump: never anything per member. */
    private Appended append(Sql sql, NewMessage message) throws SQLException {
        return append(sql, message, true);
    }

    /**
     * As {@link #append(Sql, NewMessage)}; {@code counted} says whether an agent's message counts toward the loop
     * guard (a post does; a hub announcement made inside another write — a claim's, a question — does not). A human's
     * message always resets the guard.
     *
     * <p>The loop guard: a channel counts the agent ({@code ai}) messages since its last human one; once two agents
     * have written in that run, the one that would pass the limit is not stored — a notice from {@value #LOOP_GUARD_SENDER} is, in its place, and the answer says the
     * guard tripped ({@link Appended#loopGuardTripped}); from then on agent messages fail with {@link
     * StoreException.LoopGuard}, storing nothing, until a human writes there.
     */
    private Appended append(Sql sql, NewMessage message, boolean counted) throws SQLException {
        if (message.clientMsgId() != null) {
            Optional<StoredMessage> earlier = sql.one(MessageRows.SELECT + "WHERE m.sender = ? AND m.client_msg_id = ?",
                    MessageRows::map, message.sender(), message.clientMsgId());
            if (earlier.isPresent()) {
                return new Appended(earlier.get(), true);
            }
        }
        Guard guard = sql.one("SELECT c.agent_streak, coalesce(c.loop_limit, ?), c.loop_tripped_at, "
                        + "coalesce(p.participant_type, 'ai'), c.name, c.streak_agent, c.streak_shared, "
                        + "c.archived_at IS NOT NULL FROM channels c "
                        + "LEFT JOIN participants p ON p.name = ? WHERE c.channel_id = ?",
                row -> new Guard(row.getInt(1), row.getInt(2), row.getString(3), row.getString(4), row.getString(5),
                        row.getString(6), row.getInt(7) != 0, row.getInt(8) != 0),
                loopGuard, message.sender(), message.channelId())
                .orElseThrow(() -> new StoreException.ChannelNotFound(message.channelId()));
        if (counted && guard.archived) { // the hub checks first; this closes the race with an archive committing
            throw new StoreException.ChannelArchived(guard.channelName);
        }
        boolean human = "human".equals(guard.senderType);
        // Only agents count (a service's reports and the hub's own notices do not), and only messages that are posts.
        boolean agent = counted && "ai".equals(guard.senderType) && !message.sender().equals(LOOP_GUARD_SENDER);
        boolean shared = agent && (guard.shared || (guard.firstAgent != null && !guard.firstAgent.equals(message.sender())));
        if (agent && guard.limit > 0 && guard.trippedAt != null) {
            throw new StoreException.LoopGuard(guard.channelName, guard.limit);
        }
        if (agent && guard.limit > 0 && shared && guard.streak + 1 > guard.limit) {
            sql.update("UPDATE channels SET loop_tripped_at = ? WHERE channel_id = ?", clock.next(), message.channelId());
            Appended notice = append(sql, loopGuardNotice(message.channelId(), guard), false);
            return new Appended(notice.message(), false, true);
        }
        NewMessage stored = human && guard.trippedAt != null && message.body().strip().equals("/continue")
                ? new NewMessage(message.channelId(), message.sender(), "/continue: the loop guard is lifted; agents "
                        + "may write in " + guard.channelName + " again", "system", message.priority(),
                        message.replyTo(), message.metadata(), message.to(), message.clientMsgId())
                : message;
        int streak = human ? 0 : agent ? guard.streak + 1 : guard.streak;
        String firstAgent = human ? null : agent && guard.firstAgent == null ? message.sender() : guard.firstAgent;
        boolean sharedAfter = !human && (agent ? shared : guard.shared);
        String now = clock.next();
        Slot slot = sql.one("UPDATE channels SET last_seq = last_seq + 1, last_activity = ?, agent_streak = ?, "
                        + "streak_agent = ?, streak_shared = ?, "
                        + "loop_tripped_at = CASE WHEN ? THEN NULL ELSE loop_tripped_at END WHERE channel_id = ? "
                        + "RETURNING last_seq, name", row -> new Slot(row.getLong(1), row.getString(2)),
                now, streak, firstAgent, sharedAfter ? 1 : 0, human, message.channelId())
                .orElseThrow(() -> new StoreException.ChannelNotFound(message.channelId()));
        if (stored.to() != null && sql.number("SELECT count(*) FROM members WHERE channel_id = ? AND participant = ?",
                stored.channelId(), stored.to()) == 0) {
            throw new StoreException.NotAllowed("target is not a member of the channel: " + stored.to());
        }
        List<String> mentions = Mentions.resolve(sql, stored.body());
        String id = insert(sql, stored, slot.seq, now, mentions);
        StoredMessage row = new StoredMessage(id, stored.channelId(), slot.channelName, slot.seq, stored.sender(),
                stored.body(), stored.messageType(), stored.priority(), stored.replyTo(), stored.metadata(),
                stored.to(), now, null, null, stored.clientMsgId(), mentions);
        sql.emit(new StoreEvent.MessagePosted(row));
        return new Appended(row, false);
    }

    /** Who the loop guard's notices are from. */
    public static final String LOOP_GUARD_SENDER = "parley";

    private record Guard(int streak, int limit, String trippedAt, String senderType, String channelName,
                         String firstAgent, boolean shared, boolean archived) {}

    private static NewMessage loopGuardNotice(String channelId, Guard guard) {
        String metadata = "{\"parley_loop_guard\":{\"event\":\"tripped\",\"limit\":" + guard.limit + "}}";
        return new NewMessage(channelId, LOOP_GUARD_SENDER, "Loop guard: agents wrote " + guard.limit
                + " messages in a row here with no human. Agent messages in " + guard.channelName + " are paused until "
                + "a human writes here — any message, or /continue.", "system", "urgent", null, metadata, null, null);
    }

    private record Slot(long seq, String channelName) {}

    /**
     * Inserts the message under a fresh id and queues its search row. 48 random bits do collide
     * somewhere among millions of messages: then the insert changes nothing and is tried again.
     */
    private String insert(Sql sql, NewMessage message, long seq, String now, List<String> mentions)
            throws SQLException {
        long searchRowid = searchIndex.nextRowid(sql);
        while (true) {
            String id = Ids.messageId();
            int inserted = sql.update("INSERT INTO messages(message_id, channel_id, seq, sender, body, message_type, "
                            + "priority, reply_to, metadata, to_participant, client_msg_id, created_at, search_rowid, "
                            + "mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING",
                    id, message.channelId(), seq, message.sender(), message.body(), message.messageType(),
                    message.priority(), message.replyTo(), message.metadata(), message.to(), message.clientMsgId(), now,
                    searchRowid, Mentions.join(mentions));
            if (inserted == 1) {
                for (String participant : mentions) {
                    sql.update("INSERT OR IGNORE INTO message_mentions(participant, channel_id, seq, message_id) "
                            + "VALUES (?, ?, ?, ?)", participant, message.channelId(), seq, id);
                }
                searchIndex.add(sql, searchRowid, id, message.body());
                return id;
            }
        }
    }

    @Override
    public Optional<StoredMessage> find(String messageId) {
        return reads.read(sql -> MessageRows.byId(sql, messageId));
    }

    @Override
    public List<StoredMessage> history(String channelId, Reader reader, Integer limit, Instant before) {
        int rows = Vocabulary.historyLimit(limit);
        // Newest first, so that a page cut by size (MessagePages) keeps the newest and the client
        // pages on with `before`; then turned oldest first.
        List<StoredMessage> page;
        if (before == null) {
            page = reads.read(sql -> MessagePages.read(sql, MessageRows.SELECT
                    + "WHERE m.channel_id = ?1 AND m.deleted_at IS NULL AND " + ReadableSql.message("?3")
                    + "ORDER BY m.seq DESC LIMIT ?2", channelId, rows, reader.name()));
        } else {
            page = reads.read(sql -> MessagePages.read(sql, MessageRows.SELECT
                    + "WHERE m.channel_id = ?1 AND m.created_at < ?4 AND m.deleted_at IS NULL AND "
                    + ReadableSql.message("?3") + "ORDER BY m.created_at DESC, m.seq DESC LIMIT ?2",
                    channelId, rows, reader.name(), Timestamps.format(before)));
        }
        Collections.reverse(page);
        return page;
    }

    @Override
    public List<StoredMessage> after(String channelId, long afterSeq, Reader reader, int limit) {
        int rows = Math.max(1, Math.min(limit, MAX_AFTER_LIMIT));
        return reads.read(sql -> MessagePages.read(sql, MessageRows.SELECT + "WHERE m.channel_id = ?1 AND m.seq > ?2 AND "
                + ReadableSql.message("?4") + "ORDER BY m.seq LIMIT ?3", channelId, afterSeq, rows, reader.name()));
    }

    @Override
    public List<StoredMessage> thread(String rootId, Reader reader) {
        return reads.read(sql -> {
            List<StoredMessage> thread = new ArrayList<>();
            // An unreadable root answers like a missing one, so ids cannot be probed.
            thread.add(sql.one(MessageRows.SELECT + "WHERE m.message_id = ?1 AND " + ReadableSql.message("?2"),
                    MessageRows::map, rootId, reader.name())
                    .orElseThrow(() -> new StoreException.MessageNotFound(rootId)));
            // The whole tree under the root, so a reply to a reply stays in the thread. The walk passes
            // through every reply (a deleted or unreadable one still links its own replies to the root);
            // what is returned is judged reply by reply: one may sit in another channel (a DM) or
            // target someone. reply_to only points at older messages, so the walk ends.
            thread.addAll(sql.list("WITH RECURSIVE tree(id) AS (SELECT message_id FROM messages WHERE reply_to = ?1 "
                    + "UNION SELECT r.message_id FROM messages r JOIN tree ON r.reply_to = tree.id) "
                    + MessageRows.SELECT + "WHERE m.message_id IN (SELECT id FROM tree) AND m.deleted_at IS NULL AND "
                    + ReadableSql.message("?2") + "ORDER BY m.created_at, m.seq", MessageRows::map, rootId,
                    reader.name()));
            return thread;
        });
    }

    @Override
    public List<StoredMessage> search(String q, Reader reader, String participant, Integer limit) {
        int rows = Vocabulary.historyLimit(limit);
        return reads.read(sql -> MessageSearch.search(sql, q, reader, participant, rows));
    }

    @Override
    public CompletableFuture<StoredMessage> edit(String messageId, String editor, String body) {
        return writes.submit(sql -> {
            long searchRowid = own(sql, messageId, editor, "edit");
            sql.update("UPDATE messages SET body = ?, edited_at = ? WHERE message_id = ?", body, clock.next(), messageId);
            searchIndex.replace(sql, searchRowid, messageId, body);
            StoredMessage before = MessageRows.require(sql, messageId);
            Mentions.store(sql, messageId, before.channelId(), before.seq(), Mentions.resolve(sql, body));
            StoredMessage edited = MessageRows.require(sql, messageId);
            sql.emit(new StoreEvent.MessageEdited(edited));
            return edited;
        }, heapBytes(body, null), null);
    }

    @Override
    public CompletableFuture<StoredMessage> delete(String messageId, String requester) {
        return writes.submit(sql -> {
            long searchRowid = own(sql, messageId, requester, "delete");
            // A file_ref's metadata names its file; the file itself goes below.
            sql.update("UPDATE messages SET body = '', deleted_at = ?, mentions = NULL, metadata = CASE WHEN "
                    + "message_type = 'file_ref' THEN NULL ELSE metadata END WHERE message_id = ?", clock.next(), messageId);
            sql.update("DELETE FROM message_mentions WHERE message_id = ?", messageId);
            Attachments.deleteFilesOf(sql, messageId);
            searchIndex.remove(sql, searchRowid);
            StoredMessage tombstone = MessageRows.require(sql, messageId);
            sql.emit(new StoreEvent.MessageDeleted(tombstone));
            return tombstone;
        });
    }

    /**
     * The search rowid of a message that exists, is not deleted and was sent by {@code who}; else
     * the typed failure.
     */
    private long own(Sql sql, String messageId, String who, String verb) throws SQLException {
        StoredMessage message = MessageRows.require(sql, messageId);
        if (!message.sender().equals(who)) {
            throw new StoreException.NotAllowed("only the sender may " + verb + " a message");
        }
        if (message.deleted()) {
            throw new StoreException.NotAllowed("message is deleted: " + messageId);
        }
        long searchRowid = sql.number("SELECT search_rowid FROM messages WHERE message_id = ?", messageId);
        return searchRowid != 0 ? searchRowid : adoptSearchRowid(sql, messageId);
    }

    /** Gives a message stored without a search row (none should exist) one, so edits can index it. */
    private long adoptSearchRowid(Sql sql, String messageId) throws SQLException {
        long searchRowid = searchIndex.nextRowid(sql);
        sql.update("UPDATE messages SET search_rowid = ? WHERE message_id = ?", searchRowid, messageId);
        return searchRowid;
    }

    @Override
    public CompletableFuture<ReactionChange> react(String messageId, String participant, String emoji, Boolean add) {
        return writes.submit(sql -> {
            StoredMessage message = MessageRows.require(sql, messageId);
            if (message.deleted()) {
                throw new StoreException.NotAllowed("message is deleted: " + messageId);
            }
            boolean adding = add != null ? add : sql.number("SELECT count(*) FROM reactions WHERE message_id = ? "
                    + "AND participant = ? AND emoji = ?", messageId, participant, emoji) == 0;
            boolean changed = (adding
                    ? sql.update("INSERT OR IGNORE INTO reactions(message_id, participant, emoji, created_at) "
                            + "VALUES (?, ?, ?, ?)", messageId, participant, emoji, clock.next())
                    : sql.update("DELETE FROM reactions WHERE message_id = ? AND participant = ? AND emoji = ?",
                            messageId, participant, emoji)) > 0;
            if (changed) {
                sql.emit(new StoreEvent.ReactionChanged(message, participant, emoji, adding));
            }
            return new ReactionChange(message, adding, changed, reactions(sql, messageId));
        });
    }

    @Override
    public List<Reaction> reactions(String messageId) {
        return reads.read(sql -> reactions(sql, messageId));
    }

    private static List<Reaction> reactions(Sql sql, String messageId) throws SQLException {
        return sql.list("SELECT message_id, participant, emoji, created_at FROM reactions "
                        + "WHERE message_id = ? ORDER BY created_at, participant, emoji",
                row -> new Reaction(row.getString(1), row.getString(2), row.getString(3), row.getString(4)), messageId);
    }
}
