package dev.parley.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

/**
 * {@link Cursors} on SQLite: views computed from the members' cursors and the exceptions table;
 * moves delegated to {@link CursorMoves}. Stateless apart from its collaborators: thread-safe.
 */
final class SqliteCursors implements Cursors {
    /** A receivable message {@code m} of member {@code mb}, not acknowledged out of order. */
    private static final String UNDELIVERED = "m.sender <> mb.participant "
            + "AND (m.to_participant IS NULL OR m.to_participant = mb.participant) AND m.deleted_at IS NULL "
            + "AND NOT EXISTS (SELECT 1 FROM cursor_exceptions x "
            + "WHERE x.channel_id = m.channel_id AND x.participant = mb.participant AND x.seq = m.seq) ";
    private static final String PENDING_FROM = "FROM members mb "
            + "JOIN messages m ON m.channel_id = mb.channel_id AND m.seq > mb.delivered_seq ";

    private final WriteQueue writes;
    private final ReaderPool reads;
    private final MonotonicClock clock;

    SqliteCursors(WriteQueue writes, ReaderPool reads, MonotonicClock clock) {
        this.writes = writes;
        this.reads = reads;
        this.clock = clock;
    }

    @Override
    public List<StoredMessage> pending(String participant, PendingPosition after, int limit) {
        PendingPosition from = after == null ? PendingPosition.START : after;
        // Keyset paging that the indexes serve in order, without sorting: members by (participant,
        // channel_id) — unique, so the planner knows channels do not repeat — then messages by
        // (channel_id, seq), starting after the position in its own channel.
        return reads.read(sql -> MessagePages.read(sql, "SELECT " + MessageRows.COLUMNS + " FROM members mb "
                        + "JOIN messages m ON m.channel_id = mb.channel_id AND m.seq > "
                        + "CASE WHEN mb.channel_id = ?2 THEN max(mb.delivered_seq, ?3) ELSE mb.delivered_seq END "
                        + "JOIN channels c ON c.channel_id = m.channel_id "
                        + "WHERE mb.participant = ?1 AND mb.channel_id >= ?2 AND "
                        + UNDELIVERED + "ORDER BY mb.channel_id, m.seq LIMIT ?4",
                participant, from.channelId(), from.seq(), Math.max(1, limit)));
    }

    @Override
    public List<StoredMessage> pendingOldestFirst(String participant, int limit) {
        int n = Math.max(1, limit);
        // Each channel's first n pending come in seq order from the index; the oldest n of their union are the
        // oldest n overall, without sorting a whole backlog.
        // A channel's page cut by size may hide older rows than the other channels' later ones: nothing newer than
        // the last row of such a page is taken. The answer is bounded by the same text budget as any page.
        return reads.read(sql -> {
            List<StoredMessage> merged = new ArrayList<>();
            String horizon = null;
            for (String channelId : sql.list("SELECT mb.channel_id FROM members mb JOIN channels c "
                    + "ON c.channel_id = mb.channel_id WHERE mb.participant = ? AND mb.delivered_seq < c.last_seq",
                    row -> row.getString(1), participant)) {
                List<StoredMessage> page = MessagePages.read(sql, "SELECT " + MessageRows.COLUMNS + " "
                        + PENDING_FROM + "JOIN channels c ON c.channel_id = m.channel_id "
                        + "WHERE mb.participant = ?1 AND mb.channel_id = ?2 AND " + UNDELIVERED
                        + "ORDER BY m.seq LIMIT ?3", participant, channelId, n);
                if (MessagePages.cutBySize(page)) {
                    String last = page.get(page.size() - 1).createdAt();
                    horizon = horizon == null || last.compareTo(horizon) < 0 ? last : horizon;
                }
                merged.addAll(page);
            }
            merged.sort(Comparator.comparing(StoredMessage::createdAt).thenComparing(StoredMessage::channelId)
                    .thenComparingLong(StoredMessage::seq));
            List<StoredMessage> oldest = new ArrayList<>();
            long chars = 0;
            for (StoredMessage message : merged) {
                if (oldest.size() == n || chars >= MessagePages.MAX_PAGE_CHARS
                        || horizon != null && message.createdAt().compareTo(horizon) > 0) {
                    break;
                }
                oldest.add(message);
                chars += MessagePages.textChars(message);
            }
            return oldest;
        });
    }

    @Override
    public long pendingCount(String participant) {
        return reads.read(sql -> pendingCount(sql, participant));
    }

    static long pendingCount(Sql sql, String participant) throws SQLException {
        return sql.number("SELECT count(*) " + PENDING_FROM + "WHERE mb.participant = ? AND " + UNDELIVERED, participant);
    }

    @Override
    public List<MemberCursor> cursors(String participant) {
        return reads.read(sql -> sql.list("SELECT mb.channel_id, c.name, mb.delivered_seq, mb.read_seq, c.last_seq "
                        + "FROM members mb JOIN channels c ON c.channel_id = mb.channel_id WHERE mb.participant = ? "
                        + "ORDER BY c.name",
                row -> new MemberCursor(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4),
                        row.getLong(5)), participant));
    }

    @Override
    public CompletableFuture<Boolean> markDelivered(String participant, String channelId, long uptoSeq) {
        return writes.submit(sql -> CursorMoves.deliverUpTo(sql, participant, channelId, uptoSeq, clock.next()));
    }

    @Override
    public CompletableFuture<Void> markDelivered(String participant, Collection<PendingPosition> upto) {
        List<PendingPosition> positions = List.copyOf(upto);
        return writes.submit(sql -> {
            String now = clock.next();
            for (PendingPosition position : positions) {
                CursorMoves.deliverUpTo(sql, participant, position.channelId(), position.seq(), now);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> markRead(String participant, String channelId, long uptoSeq) {
        return writes.submit(sql -> readUpTo(sql, participant, channelId, uptoSeq, clock.next()));
    }

    /**
     * Moves a read cursor: the move is an event, and so are the receipts of what it made read (the senders of
     * those messages learn it as from a {@code read_ack}).
     */
    private static boolean readUpTo(Sql sql, String participant, String channelId, long upto, String now)
            throws SQLException {
        ReadReceipts receipts = CursorMoves.newlyRead(sql, participant, channelId, upto);
        boolean moved = CursorMoves.readUpTo(sql, participant, channelId, upto, now);
        if (moved) {
            sql.emit(new StoreEvent.ReadUpTo(participant, channelId, upto));
            if (!receipts.isEmpty()) {
                sql.emit(new StoreEvent.MessagesRead(receipts));
            }
        }
        return moved;
    }

    @Override
    public CompletableFuture<List<StoredMessage>> takeUnread(String participant, int limit) {
        return writes.submit(sql -> {
            List<StoredMessage> unread = sql.list("SELECT " + MessageRows.COLUMNS + " FROM members mb "
                            + "JOIN messages m ON m.channel_id = mb.channel_id AND m.seq > mb.read_seq "
                            + "JOIN channels c ON c.channel_id = m.channel_id "
                            + "WHERE mb.participant = ?1 AND m.sender <> ?1 "
                            + "AND (m.to_participant IS NULL OR m.to_participant = ?1) AND m.deleted_at IS NULL "
                            + "AND NOT EXISTS (SELECT 1 FROM cursor_exceptions x WHERE x.channel_id = m.channel_id "
                            + "AND x.participant = ?1 AND x.seq = m.seq AND x.is_read = 1) "
                            + "ORDER BY m.created_at, m.channel_id, m.seq LIMIT ?2",
                    MessageRows::map, participant, limit);
            Map<String, Long> upto = new LinkedHashMap<>();
            for (StoredMessage m : unread) {
                upto.merge(m.channelId(), m.seq(), Math::max);
            }
            String now = clock.next();
            for (Map.Entry<String, Long> channel : upto.entrySet()) {
                readUpTo(sql, participant, channel.getKey(), channel.getValue(), now);
            }
            return unread;
        });
    }

    @Override
    public CompletableFuture<AckResult> ack(String participant, Collection<String> messageIds) {
        Set<String> ids = new LinkedHashSet<>(messageIds);
        return writes.submit(sql -> {
            List<CursorMoves.Target> moved = moveCursor(sql, participant, ids, CursorMoves.Member::deliveredSeq,
                    CursorMoves::exceptDelivered);
            return new AckResult(moved.size(), pendingCount(sql, participant));
        }, idBytes(ids), null);
    }

    @Override
    public CompletableFuture<AckResult> ackAll(String participant, Instant before) {
        String cutoff = before == null ? null : Timestamps.format(before);
        return writes.submit(sql -> {
            String now = clock.next();
            long pendingBefore = pendingCount(sql, participant);
            List<String> channels = sql.list("SELECT channel_id FROM members WHERE participant = ?",
                    row -> row.getString(1), participant);
            for (String channelId : channels) {
                // created_at grows with seq within a channel (MonotonicClock), so the newest message
                // before the cutoff bounds everything before it.
                long upto = cutoff == null ? Long.MAX_VALUE : sql.number("SELECT seq FROM messages "
                        + "WHERE channel_id = ? AND created_at < ? ORDER BY created_at DESC LIMIT 1", channelId, cutoff);
                CursorMoves.deliverUpTo(sql, participant, channelId, upto, now);
            }
            long remaining = pendingCount(sql, participant);
            return new AckResult(pendingBefore - remaining, remaining);
        });
    }

    @Override
    public CompletableFuture<ReadReceipts> readAck(String participant, Collection<String> messageIds) {
        Set<String> ids = new LinkedHashSet<>(messageIds);
        return writes.submit(sql -> {
            Map<String, List<String>> bySender = new LinkedHashMap<>();
            for (CursorMoves.Target message : moveCursor(sql, participant, ids, CursorMoves.Member::readSeq,
                    CursorMoves::exceptRead)) {
                bySender.computeIfAbsent(message.sender(), sender -> new ArrayList<>()).add(message.messageId());
            }
            ReadReceipts receipts = new ReadReceipts(participant, bySender);
            if (!receipts.isEmpty()) {
                sql.emit(new StoreEvent.MessagesRead(receipts));
            }
            return receipts;
        }, idBytes(ids), null);
    }

    /** Records one message as an exception beyond a member's cursor; false if it already was one. */
    @FunctionalInterface
    private interface ExceptionRecorder {
        boolean record(Sql sql, String participant, CursorMoves.Target message, String now) throws SQLException;
    }

    /**
     * The one cursor move behind {@code ack} (delivered) and {@code read_ack} (read): each id the participant may
     * see, beyond its cursor in that channel ({@code cursor}), becomes an exception; then the channels touched
     * absorb their exceptions into the cursor. Unknown, unreadable and already-passed ids are skipped.
     *
     * @return the messages that moved, in the order of {@code ids}
     */
    private List<CursorMoves.Target> moveCursor(Sql sql, String participant, Set<String> ids,
                                                ToLongFunction<CursorMoves.Member> cursor, ExceptionRecorder except)
            throws SQLException {
        String now = clock.next();
        List<CursorMoves.Target> moved = new ArrayList<>();
        Set<String> touched = new LinkedHashSet<>();
        Map<String, CursorMoves.Target> targets = CursorMoves.targets(sql, ids);
        Map<String, Optional<CursorMoves.Member>> members = new HashMap<>();
        for (String id : ids) {
            CursorMoves.Target message = targets.get(id);
            Optional<CursorMoves.Member> member = message == null ? Optional.empty()
                    : member(sql, members, message.channelId(), participant);
            if (member.isPresent() && message.isFor(participant, member.get())
                    && message.seq() > cursor.applyAsLong(member.get())
                    && except.record(sql, participant, message, now)) {
                moved.add(message);
                touched.add(message.channelId());
            }
        }
        for (String channelId : touched) {
            CursorMoves.absorb(sql, participant, channelId, now);
        }
        return moved;
    }

    /** What a queued ack of these ids holds on the heap, about: each id's chars and its String. */
    private static long idBytes(Collection<String> ids) {
        long bytes = WriteQueue.SMALL_TASK_BYTES;
        for (String id : ids) {
            bytes += 48 + 2L * id.length();
        }
        return bytes;
    }

    /**
     * The member's cursors in a channel, looked up once per task: within one ack they do not move
     * (exceptions are absorbed only after the loop), so one lookup serves every id of the channel.
     */
    private static Optional<CursorMoves.Member> member(Sql sql, Map<String, Optional<CursorMoves.Member>> members,
                                                       String channelId, String participant) throws SQLException {
        Optional<CursorMoves.Member> member = members.get(channelId);
        if (member == null) {
            member = CursorMoves.member(sql, channelId, participant);
            members.put(channelId, member);
        }
        return member;
    }

    @Override
    public List<UnreadCount> unread(String participant) {
        return reads.read(sql -> sql.list("SELECT c.channel_id, c.name, count(*), sum(EXISTS (SELECT 1 FROM "
                        + "message_mentions mm WHERE mm.participant = ?1 AND mm.channel_id = m.channel_id "
                        + "AND mm.seq = m.seq)) FROM members mb "
                        + "JOIN messages m ON m.channel_id = mb.channel_id AND m.seq > mb.read_seq "
                        + "JOIN channels c ON c.channel_id = mb.channel_id "
                        + "WHERE mb.participant = ?1 AND m.sender <> ?1 "
                        + "AND (m.to_participant IS NULL OR m.to_participant = ?1) AND m.deleted_at IS NULL "
                        + "AND NOT EXISTS (SELECT 1 FROM cursor_exceptions x WHERE x.channel_id = m.channel_id "
                        + "AND x.participant = ?1 AND x.seq = m.seq AND x.is_read = 1) "
                        + "GROUP BY c.channel_id, c.name ORDER BY c.name",
                row -> new UnreadCount(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4)), participant));
    }

    @Override
    public List<DeliveryStatus> delivery(String messageId) {
        return reads.read(sql -> {
            StoredMessage message = MessageRows.require(sql, messageId);
            return sql.list("SELECT mb.participant, mb.delivered_seq, mb.read_seq, mb.delivered_at, mb.read_at, "
                            + "x.is_read, x.delivered_at, x.read_at FROM members mb "
                            + "LEFT JOIN cursor_exceptions x ON x.channel_id = mb.channel_id "
                            + "AND x.participant = mb.participant AND x.seq = ?2 "
                            + "WHERE mb.channel_id = ?1 AND mb.joined_seq < ?2 AND mb.participant <> ?3 "
                            + "AND (?4 IS NULL OR mb.participant = ?4) ORDER BY mb.participant",
                    row -> status(message.seq(), row), message.channelId(), message.seq(), message.sender(),
                    message.to());
        });
    }

    private static DeliveryStatus status(long seq, java.sql.ResultSet row) throws SQLException {
        String recipient = row.getString(1);
        boolean excepted = row.getObject(6) != null;
        if (seq <= row.getLong(3) || (excepted && row.getInt(6) == 1)) {
            String deliveredAt = seq <= row.getLong(2) ? row.getString(4) : row.getString(7);
            String readAt = seq <= row.getLong(3) ? row.getString(5) : row.getString(8);
            return new DeliveryStatus(recipient, DeliveryStatus.State.READ, deliveredAt, readAt);
        }
        if (seq <= row.getLong(2) || excepted) {
            String deliveredAt = seq <= row.getLong(2) ? row.getString(4) : row.getString(7);
            return new DeliveryStatus(recipient, DeliveryStatus.State.DELIVERED, deliveredAt, null);
        }
        return new DeliveryStatus(recipient, DeliveryStatus.State.QUEUED, null, null);
    }
}
