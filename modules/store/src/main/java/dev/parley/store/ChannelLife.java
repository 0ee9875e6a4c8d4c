package dev.parley.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A channel's life after it is made — leave, rename, topic, archive, delete — inside write tasks: the SQL of it, and
 * the rules the store keeps whoever asks. {@code general} (every participant's first channel) is for good: it
 * cannot be left, renamed, archived or deleted. A DM keeps its two members and its derived name: it cannot be left,
 * renamed, given a topic or archived (an admin may delete it). Who may ask is the server's to decide, not this.
 */
final class ChannelLife {
    private final MonotonicClock clock;

    ChannelLife(MonotonicClock clock) {
        this.clock = clock;
    }

    Channel leave(Sql sql, String reference, String participant) throws SQLException {
        Channel channel = group(sql, reference, "left");
        String channelId = channel.channelId();
        if (sql.update("DELETE FROM members WHERE channel_id = ? AND participant = ?", channelId, participant) == 0) {
            throw new StoreException.NotAllowed(participant + " is not a member of " + channel.name());
        }
        // Exceptions to its cursors and its mentions there meant nothing once it is not a member.
        sql.update("DELETE FROM cursor_exceptions WHERE channel_id = ? AND participant = ?", channelId, participant);
        sql.update("DELETE FROM message_mentions WHERE channel_id = ? AND participant = ?", channelId, participant);
        sql.emit(new StoreEvent.MemberLeft(channelId, participant));
        return channel;
    }

    Channel rename(Sql sql, String reference, String name) throws SQLException {
        String normalized = Vocabulary.channelName(name);
        if (normalized.isEmpty()) {
            throw new StoreException.Invalid("channel name is empty");
        }
        Channel channel = group(sql, reference, "renamed");
        String channelId = channel.channelId();
        if (channel.name().equals(normalized)) {
            return channel;
        }
        if (sql.number("SELECT count(*) FROM channels WHERE name = ? OR channel_id = ?", normalized, normalized) > 0) {
            throw new StoreException.Invalid("a channel named '" + normalized + "' exists already");
        }
        sql.update("UPDATE channels SET name = ? WHERE channel_id = ?", normalized, channelId);
        return changed(sql, channelId, StoreEvent.ChannelChanged.Change.RENAMED);
    }

    Channel setTopic(Sql sql, String reference, String topic) throws SQLException {
        Channel channel = group(sql, reference, "given a topic");
        String channelId = channel.channelId();
        String value = topic == null ? "" : topic;
        if (channel.topic() != null && channel.topic().equals(value)) {
            return channel;
        }
        sql.update("UPDATE channels SET topic = ? WHERE channel_id = ?", value, channelId);
        return changed(sql, channelId, StoreEvent.ChannelChanged.Change.TOPIC);
    }

    Channel setArchived(Sql sql, String reference, boolean archived) throws SQLException {
        Channel channel = group(sql, reference, archived ? "archived" : "unarchived");
        String channelId = channel.channelId();
        if (channel.archived() == archived) {
            return channel;
        }
        sql.update("UPDATE channels SET archived_at = ? WHERE channel_id = ?", archived ? clock.next() : null,
                channelId);
        return changed(sql, channelId, archived ? StoreEvent.ChannelChanged.Change.ARCHIVED
                : StoreEvent.ChannelChanged.Change.UNARCHIVED);
    }

    /**
     * Deletes a channel and everything in it, in this one transaction: its messages (and their reactions, mentions,
     * search rows, questions, files), its members and their cursors. Claims announced there keep their resource and lose
     * the channel; a message elsewhere that quoted one of its messages keeps its body and loses the quote.
     */
    Channel delete(Sql sql, String reference) throws SQLException {
        Channel channel = existing(sql, reference);
        String channelId = channel.channelId();
        if (Vocabulary.GENERAL_ID.equals(channel.channelId())) {
            throw new StoreException.NotAllowed("general cannot be deleted: every participant joins it");
        }
        List<String> members = sql.list("SELECT participant FROM members WHERE channel_id = ? ORDER BY participant",
                row -> row.getString(1), channelId);
        String inChannel = "(SELECT message_id FROM messages WHERE channel_id = ?1)";
        sql.update("DELETE FROM message_search WHERE rowid IN (SELECT search_rowid FROM messages "
                + "WHERE channel_id = ?1 AND search_rowid IS NOT NULL)", channelId);
        sql.update("DELETE FROM questions WHERE channel_id = ?1 OR question_id IN " + inChannel, channelId);
        sql.update("DELETE FROM reactions WHERE message_id IN " + inChannel, channelId);
        sql.update("UPDATE messages SET reply_to = NULL WHERE channel_id <> ?1 AND reply_to IN " + inChannel, channelId);
        sql.update("UPDATE claims SET channel_id = NULL WHERE channel_id = ?1", channelId);
        sql.update("DELETE FROM message_mentions WHERE channel_id = ?1", channelId);
        sql.update("DELETE FROM cursor_exceptions WHERE channel_id = ?1", channelId);
        // Its files go too; a blob stays while another channel's upload holds the same bytes.
        sql.update("DELETE FROM attachments WHERE channel_id = ?1", channelId);
        sql.update("DELETE FROM attachment_blobs WHERE NOT EXISTS (SELECT 1 FROM attachments a "
                + "WHERE a.sha256 = attachment_blobs.sha256)");
        sql.update("DELETE FROM messages WHERE channel_id = ?1", channelId);
        sql.update("DELETE FROM members WHERE channel_id = ?1", channelId);
        sql.update("DELETE FROM channels WHERE channel_id = ?1", channelId);
        sql.emit(new StoreEvent.ChannelDeleted(channel, members));
        return channel;
    }

    private Channel changed(Sql sql, String channelId, StoreEvent.ChannelChanged.Change change) throws SQLException {
        Channel now = existing(sql, channelId);
        sql.emit(new StoreEvent.ChannelChanged(now, change));
        return now;
    }

    /** A group channel other than general, for a change {@code what} names ("renamed", ...). */
    private static Channel group(Sql sql, String reference, String what) throws SQLException {
        Channel channel = existing(sql, reference);
        if (Vocabulary.GENERAL_ID.equals(channel.channelId())) {
            throw new StoreException.NotAllowed("general cannot be " + what + ": every participant belongs to it");
        }
        if (Vocabulary.DM.equals(channel.channelType())) {
            throw new StoreException.NotAllowed("a DM cannot be " + what + ": " + channel.name());
        }
        return channel;
    }

    /** The channel with this id or name. */
    private static Channel existing(Sql sql, String reference) throws SQLException {
        Optional<Channel> found = SqliteChannels.find(sql, reference);
        return found.orElseThrow(() -> new StoreException.ChannelNotFound(reference));
    }
}
