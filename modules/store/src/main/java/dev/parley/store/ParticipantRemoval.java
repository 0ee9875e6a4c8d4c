package dev.parley.store;

import java.sql.SQLException;
import java.util.List;

/**
 * Removes a participant for good, inside one write task, as the hub's admin tidying bench and test clutter or someone
 * who left: the participant row, its key, profile, memberships, cursors, claims, reactions and mentions; its DMs
 * (whole, both sides); its messages elsewhere, and those targeted at it, become tombstones as a delete makes them
 * (body, files, search rows and reactions gone, seq kept so a resuming client drops its copy); questions it asked or
 * answered go. Channels it created stay, without a creator (an admin may delete them). Its name may be registered again.
 */
public final class ParticipantRemoval {
    /** What went, for the admin's report. */
    public record Removed(String name, int messages, List<String> dms) {}

    private final ChannelLife life;
    private final MonotonicClock clock;

    ParticipantRemoval(ChannelLife life, MonotonicClock clock) {
        this.life = life;
        this.clock = clock;
    }

    Removed remove(Sql sql, String name) throws SQLException {
        if (sql.one("SELECT 1 FROM participants WHERE name = ?", row -> 1, name).isEmpty()) {
            throw new StoreException.ParticipantNotFound(name);
        }
        List<String> dms = sql.list("SELECT c.name FROM channels c JOIN members m ON m.channel_id = c.channel_id "
                + "WHERE m.participant = ? AND c.channel_type = ? ORDER BY c.name", row -> row.getString(1), name,
                Vocabulary.DM);
        for (String dm : dms) {
            life.delete(sql, dm);
        }
        String theirs = "(SELECT message_id FROM messages WHERE (sender = ?1 OR to_participant = ?1) AND deleted_at IS NULL)";
        List<String> files = sql.list("SELECT DISTINCT message_id FROM attachments WHERE uploader = ?1 OR message_id IN "
                + theirs, row -> row.getString(1), name);
        for (String message : files) {
            Attachments.deleteFilesOf(sql, message);
        }
        sql.update("DELETE FROM questions WHERE asked_by = ?1 OR answered_by = ?1 OR question_id IN " + theirs, name);
        sql.update("DELETE FROM reactions WHERE participant = ?1 OR message_id IN " + theirs, name);
        sql.update("DELETE FROM message_mentions WHERE participant = ?1 OR message_id IN " + theirs, name);
        sql.update("DELETE FROM message_search WHERE rowid IN (SELECT search_rowid FROM messages WHERE search_rowid "
                + "IS NOT NULL AND message_id IN " + theirs + ")", name);
        // search_rowid stays: the newest message's one is where the search index's counter resumes (SearchIndex).
        int messages = sql.update("UPDATE messages SET body = '', metadata = NULL, mentions = NULL, deleted_at = ?2 "
                + " WHERE message_id IN " + theirs, name, clock.next());
        sql.update("DELETE FROM claims WHERE holder = ?1", name);
        sql.update("DELETE FROM cursor_exceptions WHERE participant = ?1", name);
        sql.update("DELETE FROM members WHERE participant = ?1", name);
        sql.update("DELETE FROM profile_capabilities WHERE participant = ?1", name);
        sql.update("DELETE FROM profiles WHERE participant = ?1", name);
        sql.update("UPDATE channels SET created_by = NULL WHERE created_by = ?1", name);
        sql.update("UPDATE channels SET streak_agent = NULL WHERE streak_agent = ?1", name);
        sql.update("DELETE FROM participants WHERE name = ?1", name);
        return new Removed(name, messages, dms);
    }
}
