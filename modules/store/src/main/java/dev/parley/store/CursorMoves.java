package dev.parley.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The write side of delivery and read state, run inside write tasks: moving a member's cursors,
 * recording out-of-order acknowledgements, and absorbing those into the cursors once they close
 * the gap.
 *
 * <p>Invariants: {@code read_seq <= delivered_seq}; an exception row lies above the cursor it
 * concerns (delivered for {@code is_read = 0}, read for {@code is_read = 1}); a cursor may pass
 * messages that were never the member's to receive (their own, targeted elsewhere, deleted).
 */
final class CursorMoves {
    /** A member's cursors and the channel's newest seq. */
    record Member(long deliveredSeq, long readSeq, long joinedSeq, long lastSeq) {}

    /** A message's facts that decide whether it is someone's to receive. */
    record Target(String messageId, String channelId, long seq, String sender, String to, boolean deleted) {
        boolean isFor(String participant, Member member) {
            return !deleted && !sender.equals(participant) && (to == null || to.equals(participant))
                    && seq > member.joinedSeq();
        }
    }

    private static final String RECEIVABLE = "m.channel_id = ?1 AND m.seq > ?2 AND m.sender <> ?3 "
            + "AND (m.to_participant IS NULL OR m.to_participant = ?3) AND m.deleted_at IS NULL ";
    private static final String FIRST_UNDELIVERED = "SELECT m.seq FROM messages m WHERE " + RECEIVABLE
            + "AND NOT EXISTS (SELECT 1 FROM cursor_exceptions x "
            + "WHERE x.channel_id = ?1 AND x.participant = ?3 AND x.seq = m.seq) ORDER BY m.seq LIMIT 1";
    private static final String FIRST_UNREAD = "SELECT m.seq FROM messages m WHERE " + RECEIVABLE
            + "AND NOT EXISTS (SELECT 1 FROM cursor_exceptions x "
            + "WHERE x.channel_id = ?1 AND x.participant = ?3 AND x.seq = m.seq AND x.is_read = 1) ORDER BY m.seq LIMIT 1";

    private CursorMoves() {}

    static Optional<Member> member(Sql sql, String channelId, String participant) throws SQLException {
        return sql.one("SELECT mb.delivered_seq, mb.read_seq, mb.joined_seq, c.last_seq FROM members mb "
                        + "JOIN channels c ON c.channel_id = mb.channel_id WHERE mb.channel_id = ? AND mb.participant = ?",
                row -> new Member(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)), channelId, participant);
    }

    static Optional<Target> target(Sql sql, String messageId) throws SQLException {
        return sql.one("SELECT message_id, channel_id, seq, sender, to_participant, deleted_at FROM messages "
                + "WHERE message_id = ?", CursorMoves::target, messageId);
    }

    /** How many ids {@link #targets} looks up per statement. */
    static final int LOOKUP_BATCH = 100;
    private static final String TARGETS_IN = "SELECT message_id, channel_id, seq, sender, to_participant, deleted_at "
            + "FROM messages WHERE message_id IN (" + String.join(", ", java.util.Collections.nCopies(LOOKUP_BATCH, "?"))
            + ")";

    /**
     * The messages among these ids, by id, in one indexed lookup per {@value #LOOKUP_BATCH} ids (the
     * unused places bound to NULL, so there is one statement to cache): an unknown id costs an index
     * probe inside SQLite, not a statement of its own.
     */
    static Map<String, Target> targets(Sql sql, Collection<String> messageIds) throws SQLException {
        Map<String, Target> found = new HashMap<>();
        Object[] batch = new Object[LOOKUP_BATCH];
        Iterator<String> ids = messageIds.iterator();
        while (ids.hasNext()) {
            Arrays.fill(batch, null);
            for (int i = 0; i < LOOKUP_BATCH && ids.hasNext(); i++) {
                batch[i] = ids.next();
            }
            for (Target target : sql.list(TARGETS_IN, CursorMoves::target, batch)) {
                found.put(target.messageId(), target);
            }
        }
        return found;
    }

    private static Target target(java.sql.ResultSet row) throws SQLException {
        return new Target(row.getString(1), row.getString(2), row.getLong(3), row.getString(4), row.getString(5),
                row.getString(6) != null);
    }

    /** Moves the delivered cursor up to {@code upto} (never back, never past the newest message). */
    static boolean deliverUpTo(Sql sql, String participant, String channelId, long upto, String now)
            throws SQLException {
        int moved = sql.update("UPDATE members SET delivered_seq = min(?1, c.last_seq), delivered_at = ?2 "
                + "FROM channels c WHERE c.channel_id = members.channel_id AND members.channel_id = ?3 "
                + "AND members.participant = ?4 AND members.delivered_seq < min(?1, c.last_seq)",
                upto, now, channelId, participant);
        if (moved > 0) {
            absorb(sql, participant, channelId, now);
        }
        return moved > 0;
    }

    /**
     * How many of the newest messages a read-cursor move reports to their senders. A person opening a channel
     * after a week moves the cursor over thousands of messages at once; a receipt matters while its message is on
     * its sender's screen, so the older ones go without (their status still answers read, from the cursor).
     */
    static final int RECEIPT_LIMIT = 500;

    /**
     * The messages a move of the read cursor up to {@code upto} makes read (the member's to receive, above the
     * cursor and not yet read out of order), newest {@value #RECEIPT_LIMIT} at most, as receipts by sender.
     * Asked before the move.
     */
    static ReadReceipts newlyRead(Sql sql, String participant, String channelId, long upto) throws SQLException {
        List<String[]> newestFirst = sql.list("SELECT m.message_id, m.sender FROM members mb JOIN messages m ON m.channel_id = mb.channel_id "
                        + "AND m.seq > max(mb.read_seq, mb.joined_seq) AND m.seq <= ?3 "
                        + "WHERE mb.channel_id = ?1 AND mb.participant = ?2 AND m.sender <> ?2 "
                        + "AND (m.to_participant IS NULL OR m.to_participant = ?2) AND m.deleted_at IS NULL "
                        + "AND NOT EXISTS (SELECT 1 FROM cursor_exceptions x WHERE x.channel_id = ?1 "
                        + "AND x.participant = ?2 AND x.seq = m.seq AND x.is_read = 1) "
                        + "ORDER BY m.seq DESC LIMIT " + RECEIPT_LIMIT,
                row -> new String[] {row.getString(1), row.getString(2)}, channelId, participant, upto);
        Map<String, List<String>> bySender = new LinkedHashMap<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            bySender.computeIfAbsent(newestFirst.get(i)[1], sender -> new ArrayList<>()).add(newestFirst.get(i)[0]);
        }
        return new ReadReceipts(participant, bySender);
    }

    /** Moves the read cursor (and the delivered one with it) up to {@code upto}. */
    static boolean readUpTo(Sql sql, String participant, String channelId, long upto, String now) throws SQLException {
        int moved = sql.update("UPDATE members SET read_seq = min(?1, c.last_seq), read_at = ?2, "
                + "delivered_at = CASE WHEN members.delivered_seq < min(?1, c.last_seq) THEN ?2 ELSE delivered_at END, "
                + "delivered_seq = max(members.delivered_seq, min(?1, c.last_seq)) "
                + "FROM channels c WHERE c.channel_id = members.channel_id AND members.channel_id = ?3 "
                + "AND members.participant = ?4 AND members.read_seq < min(?1, c.last_seq)",
                upto, now, channelId, participant);
        if (moved > 0) {
            absorb(sql, participant, channelId, now);
        }
        return moved > 0;
    }

    /** Records one message delivered out of order; false when it already was. */
    static boolean exceptDelivered(Sql sql, String participant, Target message, String now) throws SQLException {
        return sql.update("INSERT OR IGNORE INTO cursor_exceptions(channel_id, participant, seq, is_read, delivered_at) "
                + "VALUES (?, ?, ?, 0, ?)", message.channelId(), participant, message.seq(), now) > 0;
    }

    /** Records one message read out of order; false when it already was. */
    static boolean exceptRead(Sql sql, String participant, Target message, String now) throws SQLException {
        return sql.update("INSERT INTO cursor_exceptions(channel_id, participant, seq, is_read, delivered_at, read_at) "
                + "VALUES (?1, ?2, ?3, 1, ?4, ?4) ON CONFLICT (channel_id, participant, seq) "
                + "DO UPDATE SET is_read = 1, read_at = excluded.read_at WHERE is_read = 0",
                message.channelId(), participant, message.seq(), now) > 0;
    }

    /**
     * Moves the cursors over every exception that now closes a gap, then deletes the exceptions the
     * cursors cover. Costs one index probe when the member has no exceptions.
     */
    static void absorb(Sql sql, String participant, String channelId, String now) throws SQLException {
        if (sql.number("SELECT EXISTS (SELECT 1 FROM cursor_exceptions WHERE channel_id = ? AND participant = ?)",
                channelId, participant) == 0) {
            return;
        }
        Member member = member(sql, channelId, participant).orElseThrow();
        long read = advance(sql, FIRST_UNREAD, channelId, participant, member.readSeq(), member.lastSeq());
        long delivered = advance(sql, FIRST_UNDELIVERED, channelId, participant,
                Math.max(member.deliveredSeq(), read), member.lastSeq());
        if (read > member.readSeq() || delivered > member.deliveredSeq()) {
            sql.update("UPDATE members SET read_at = CASE WHEN read_seq < ?1 THEN ?3 ELSE read_at END, "
                    + "delivered_at = CASE WHEN delivered_seq < ?2 THEN ?3 ELSE delivered_at END, "
                    + "read_seq = ?1, delivered_seq = ?2 WHERE channel_id = ?4 AND participant = ?5",
                    read, delivered, now, channelId, participant);
        }
        sql.update("DELETE FROM cursor_exceptions WHERE channel_id = ?1 AND participant = ?2 AND seq <= ?3 "
                + "AND (is_read = 0 OR seq <= ?4)", channelId, participant, delivered, read);
    }

    /** The cursor moved up to just before the first receivable message not yet covered. */
    private static long advance(Sql sql, String firstGap, String channelId, String participant, long cursor,
                                long lastSeq) throws SQLException {
        Optional<Long> gap = sql.one(firstGap, row -> row.getLong(1), channelId, cursor, participant);
        return gap.map(seq -> Math.max(cursor, seq - 1)).orElse(Math.max(cursor, lastSeq));
    }
}
