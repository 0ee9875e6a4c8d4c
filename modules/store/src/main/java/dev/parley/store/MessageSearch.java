package dev.parley.store;

import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Substring search over message bodies, in {@code message_search} (kept up by {@link SearchIndex}).
 *
 * <p>The user's text is always one quoted FTS5 string, so no input is query syntax. Trigrams need
 * three characters; shorter text (and, as a safety net, any text FTS5 still rejects) is matched by a
 * LIKE scan with its wildcards escaped. Either way the result is "body contains q", case-insensitively.
 */
final class MessageSearch {
    private static final Logger log = LoggerFactory.getLogger(MessageSearch.class);

    private static final String FTS = "SELECT " + MessageRows.COLUMNS + " FROM message_search "
            + "JOIN messages m ON m.message_id = message_search.message_id "
            + "JOIN channels c ON c.channel_id = m.channel_id "
            + "WHERE message_search MATCH ?1 AND m.deleted_at IS NULL AND " + ReadableSql.message("?4");
    private static final String LIKE = MessageRows.SELECT + "WHERE m.body LIKE ?1 ESCAPE '\\' AND m.deleted_at IS NULL AND "
            + ReadableSql.message("?4");
    private static final String IN_CHANNELS_OF = "AND m.channel_id IN (SELECT channel_id FROM members WHERE participant = ?3) ";
    // Newest first: search rowids and message rowids both grow with insertion, so both scans stop at the limit.
    private static final String FTS_ORDER = "ORDER BY message_search.rowid DESC LIMIT ?2";
    private static final String LIKE_ORDER = "ORDER BY m.rowid DESC LIMIT ?2";

    private MessageSearch() {}

    /**
     * Hits readable by {@code reader} (in SQL, so up to {@code limit} of them), only from
     * {@code participant}'s channels when one is given.
     */
    static List<StoredMessage> search(Sql sql, String q, Reader reader, String participant, int limit)
            throws SQLException {
        String text = q == null ? "" : q.replace("\u0000", "");
        if (text.codePointCount(0, text.length()) >= 3) {
            String phrase = "\"" + text.replace("\"", "\"\"") + "\"";
            try {
                return participant == null
                        ? sql.list(FTS + FTS_ORDER, MessageRows::map, phrase, limit, null, reader.name())
                        : sql.list(FTS + IN_CHANNELS_OF + FTS_ORDER, MessageRows::map, phrase, limit, participant,
                                reader.name());
            } catch (SQLException e) {
                log.warn("full-text search rejected {}; scanning instead", phrase, e);
            }
        }
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return participant == null
                ? sql.list(LIKE + LIKE_ORDER, MessageRows::map, pattern, limit, null, reader.name())
                : sql.list(LIKE + IN_CHANNELS_OF + LIKE_ORDER, MessageRows::map, pattern, limit, participant, reader.name());
    }
}
