package dev.parley.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts every participant's pending messages at once (the /health "queued"), channel by channel.
 *
 * <p>Asking "how many are pending for this member" for each member costs one probe per pending
 * message per member: 2,000 offline members of a channel 10,000 messages behind make 20 million.
 * Instead, per channel this reads the members' delivered cursors once (sorted) and the messages
 * behind the slowest member once, in seq order: a message is pending for every member whose cursor
 * is below it, minus its sender (or, if targeted, for its target alone). Exceptions above the
 * cursors are then subtracted. Cost: members + messages behind the slowest member, per channel.
 */
final class PendingTally {
    private record Cursor(String participant, long deliveredSeq) {}

    private PendingTally() {}

    static long total(Sql sql) throws SQLException {
        long total = 0;
        for (String channelId : sql.list("SELECT channel_id FROM channels WHERE last_seq > 0", row -> row.getString(1))) {
            total += inChannel(sql, channelId);
        }
        return total - sql.number("SELECT count(*) FROM cursor_exceptions x "
                + "JOIN members mb ON mb.channel_id = x.channel_id AND mb.participant = x.participant "
                + "JOIN messages m ON m.channel_id = x.channel_id AND m.seq = x.seq "
                + "WHERE x.seq > mb.delivered_seq AND m.deleted_at IS NULL");
    }

    private static long inChannel(Sql sql, String channelId) throws SQLException {
        List<Cursor> cursors = sql.list("SELECT participant, delivered_seq FROM members WHERE channel_id = ? "
                + "ORDER BY delivered_seq", row -> new Cursor(row.getString(1), row.getLong(2)), channelId);
        if (cursors.isEmpty()) {
            return 0;
        }
        Map<String, Long> cursorOf = new HashMap<>();
        cursors.forEach(cursor -> cursorOf.put(cursor.participant(), cursor.deliveredSeq()));
        long pending = 0;
        int behind = 0; // members whose cursor is below the current message's seq
        try (ResultSet messages = sql.prepare("SELECT seq, sender, to_participant FROM messages "
                + "WHERE channel_id = ? AND seq > ? AND deleted_at IS NULL ORDER BY seq",
                channelId, cursors.get(0).deliveredSeq()).executeQuery()) {
            while (messages.next()) {
                long seq = messages.getLong(1);
                while (behind < cursors.size() && cursors.get(behind).deliveredSeq() < seq) {
                    behind++;
                }
                String sender = messages.getString(2);
                String to = messages.getString(3);
                if (to == null) {
                    pending += behind - (isBelow(cursorOf.get(sender), seq) ? 1 : 0);
                } else if (!to.equals(sender) && isBelow(cursorOf.get(to), seq)) {
                    pending++;
                }
            }
        }
        return pending;
    }

    private static boolean isBelow(Long cursor, long seq) {
        return cursor != null && cursor < seq;
    }
}
