package dev.parley.store;

import java.sql.SQLException;

/**
 * Upkeep of the search index ({@code message_search}: FTS5, trigram tokens, one row per live
 * message, rowid = {@code messages.search_rowid}) from inside write tasks.
 *
 * <p>Every change is {@linkplain Sql#defer deferred} to the end of the write batch: FTS5 flushes
 * its pending data at each savepoint, so indexing inside the per-task savepoints would write one
 * index segment per message. Deferred, a batch of appends is indexed in one flush, in the same
 * transaction as the messages. Because of that, the rowid of a new row is handed out here rather
 * than taken from {@code last_insert_rowid()}: a counter that grows with every append, so rowid
 * order is insertion order and "newest first" is an index scan.
 *
 * <p>Owner: the writer thread (the counter is only touched inside write tasks).
 */
final class SearchIndex {
    private long lastRowid = -1;

    /** The search rowid for a new message. */
    long nextRowid(Sql sql) throws SQLException {
        if (lastRowid < 0) {
            // The newest message holds the highest rowid handed out, even when its search row is gone (deleted).
            lastRowid = Math.max(
                    sql.number("SELECT rowid FROM message_search ORDER BY rowid DESC LIMIT 1"),
                    sql.number("SELECT search_rowid FROM messages ORDER BY rowid DESC LIMIT 1"));
        }
        return ++lastRowid;
    }

    /** Indexes a new message's body under its search rowid. */
    void add(Sql sql, long rowid, String messageId, String body) {
        sql.defer(s -> s.update("INSERT INTO message_search(rowid, body, message_id) VALUES (?, ?, ?)",
                rowid, body, messageId));
    }

    /** Replaces a message's indexed body. */
    void replace(Sql sql, long rowid, String messageId, String body) {
        sql.defer(s -> s.update("INSERT OR REPLACE INTO message_search(rowid, body, message_id) VALUES (?, ?, ?)",
                rowid, body, messageId));
    }

    /** Takes a message out of the index. */
    void remove(Sql sql, long rowid) {
        sql.defer(s -> s.update("DELETE FROM message_search WHERE rowid = ?", rowid));
    }
}
