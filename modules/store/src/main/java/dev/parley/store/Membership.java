package dev.parley.store;

import java.sql.SQLException;

/** Joining a channel, inside a write task: the one place member rows are created. */
final class Membership {
    private Membership() {}

    /**
     * Adds a member whose cursors (and joined_seq) start at the channel's newest message, so
     * nothing sent before is pending or unread for them. No-op for an existing member or an
     * unknown channel. A new member is a {@link StoreEvent.MemberJoined}.
     *
     * @return whether a member row was added
     */
    static boolean join(Sql sql, String channelId, String participant, String now) throws SQLException {
        boolean added = sql.update("INSERT OR IGNORE INTO members(channel_id, participant, joined_at, delivered_seq, read_seq, "
                        + "joined_seq, delivered_at, read_at) "
                        + "SELECT channel_id, ?2, ?3, last_seq, last_seq, last_seq, ?3, ?3 FROM channels WHERE channel_id = ?1",
                channelId, participant, now) > 0;
        if (added) {
            sql.emit(new StoreEvent.MemberJoined(channelId, participant));
        }
        return added;
    }

    /**
     * Joins a channel at the participant's own request (joining, or posting for the first time): anyone registered
     * may join a group channel; a DM only has the two members it was made with.
     */
    static void joinByChoice(Sql sql, Channel channel, String participant, String now) throws SQLException {
        requireParticipant(sql, participant);
        if (Vocabulary.DM.equals(channel.channelType()) && !isMember(sql, channel.channelId(), participant)) {
            throw new StoreException.NotAllowed("a DM channel cannot be joined: " + channel.name());
        }
        join(sql, channel.channelId(), participant, now);
    }

    static boolean isMember(Sql sql, String channelId, String participant) throws SQLException {
        return sql.number("SELECT count(*) FROM members WHERE channel_id = ? AND participant = ?", channelId,
                participant) > 0;
    }

    static boolean participantExists(Sql sql, String name) throws SQLException {
        return sql.number("SELECT count(*) FROM participants WHERE name = ?", name) > 0;
    }

    static void requireParticipant(Sql sql, String name) throws SQLException {
        if (!participantExists(sql, name)) {
            throw new StoreException.ParticipantNotFound(name);
        }
    }
}
