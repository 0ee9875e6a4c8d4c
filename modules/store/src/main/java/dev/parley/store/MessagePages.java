package dev.parley.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pages of messages bounded in size as well as in count. A page of 1,000 messages of 48 KB each
 * would be 48 MB of text on the heap, and more again as JSON; so a page stops taking rows once the
 * text it holds (body and metadata, counted in chars: about bytes for ASCII) reached
 * {@link #MAX_PAGE_CHARS} — the row that crosses the line is kept, so a page always holds at least
 * one row and a client paging by seq or time always moves on. A shorter page is compatible: clients
 * page with {@code before} / {@code after_seq} until a page comes back empty or short.
 */
public final class MessagePages {
    /** How much message text one page holds at most (plus the one row that crossed the line). */
    public static final int MAX_PAGE_CHARS = 1 << 20;

    private MessagePages() {}

    /** The text a message carries, in chars: what a page's size is counted in. */
    public static long textChars(StoredMessage message) {
        return message.body().length() + (message.metadata() == null ? 0 : message.metadata().length());
    }

    /**
     * True when a page was cut by size, not by count or by the end of the data: more rows may
     * follow ({@code has_more} on the wire). May say true for a page that happens to end exactly
     * at the end; the next page is then empty.
     */
    public static boolean cutBySize(List<StoredMessage> page) {
        long chars = 0;
        for (StoredMessage message : page) {
            chars += textChars(message);
        }
        return chars >= MAX_PAGE_CHARS;
    }

    /** Reads message rows (in {@link MessageRows#COLUMNS} order) in the query's order until the page is full. */
    static List<StoredMessage> read(Sql sql, String query, Object... params) throws SQLException {
        List<StoredMessage> page = new ArrayList<>();
        long chars = 0;
        try (ResultSet rows = sql.prepare(query, params).executeQuery()) {
            while (chars < MAX_PAGE_CHARS && rows.next()) {
                StoredMessage message = MessageRows.map(rows);
                page.add(message);
                chars += textChars(message);
            }
        }
        return page;
    }
}
