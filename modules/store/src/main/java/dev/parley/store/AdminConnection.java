package dev.parley.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A short-lived writing connection to a hub's database from the hub's machine, beside a hub that
 * may be serving it ({@code parley invite}, {@code parley keys reset}). SQLite lets a second
 * connection write: each call here is one {@code BEGIN IMMEDIATE} transaction, and
 * {@code busy_timeout} rides out the hub's own commits. The running hub reads keys and tokens from
 * the database (tokens with a cache of at most a second), so it sees these changes.
 *
 * <pre>{@code
 * try (AdminConnection db = AdminConnection.open(Path.of("parley.db"))) {
 *     db.resetKey("alice", null);
 * }
 * }</pre>
 */
public final class AdminConnection implements AutoCloseable {
    private final Sql sql;

    private AdminConnection(Sql sql) {
        this.sql = sql;
    }

    /**
     * Opens an existing database whose schema a hub of this version brought up to date.
     *
     * @throws StoreException.Invalid when there is no such file or its schema is older
     */
    public static AdminConnection open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException.Invalid("no database at " + file.toAbsolutePath());
        }
        try {
            Sql sql = new Sql(new Database(file).openWriter());
            if (sql.number("SELECT count(*) FROM sqlite_master WHERE name = 'hub_tokens'") == 0) {
                sql.close();
                throw new StoreException.Invalid("the database " + file.toAbsolutePath() + " has no hub_tokens table"
                        + " yet: start the hub (of this version) once, then try again");
            }
            return new AdminConnection(sql);
        } catch (SQLException e) {
            throw new StoreException.Failure("cannot open " + file.toAbsolutePath(), e);
        }
    }

    /** Stores a new hub token's hash; with {@code revokeOthers} every earlier token stops being valid. */
    public long addHubToken(String hash, String label, boolean revokeOthers) {
        return inTransaction(sql -> HubTokens.add(sql, hash, label, revokeOthers));
    }

    /**
     * Sets a participant's key hash; with null, removes the key and lets the next registration
     * under the name set a new one.
     *
     * @return false when no participant has this name
     */
    public boolean resetKey(String name, String keyHash) {
        return inTransaction(sql -> SqliteParticipants.resetKey(sql, name, keyHash));
    }

    /**
     * Deletes a channel (any but general, DMs too) with all its messages, in one transaction, as the hub's admin:
     * no creator check. A hub running on the file does not hear of it (its events stay here): members see the
     * channel gone on their next read or reconnect, and a restart drops what it held in memory.
     *
     * @return the channel as it was
     * @throws StoreException.ChannelNotFound when there is none; NotAllowed for general
     */
    public Channel deleteChannel(String channel) {
        return inTransaction(sql -> {
            sql.recordEventsInto(new java.util.ArrayList<>()); // nobody listens in this process
            try {
                return new ChannelLife(new MonotonicClock()).delete(sql, channel);
            } finally {
                sql.recordEventsInto(null);
            }
        });
    }

    /**
     * Removes a participant and its traces in one transaction ({@link ParticipantRemoval} says what goes), as the hub's
     * admin. A hub running on the file does not hear of it: a session the participant still holds is not closed (its
     * next write fails), so remove someone who is offline.
     *
     * @return the participant's name, how many of its messages became tombstones, and the DMs deleted with it
     * @throws StoreException.ParticipantNotFound when there is none
     */
    public ParticipantRemoval.Removed removeParticipant(String name) {
        return inTransaction(sql -> {
            sql.recordEventsInto(new java.util.ArrayList<>()); // nobody listens in this process
            try {
                MonotonicClock clock = new MonotonicClock();
                return new ParticipantRemoval(new ChannelLife(clock), clock).remove(sql, name);
            } finally {
                sql.recordEventsInto(null);
            }
        });
    }

    /** Every participant in the database by name, with its type, last sighting and how many messages it sent. */
    public java.util.List<Listed> participants() {
        // One pass over messages (no index by sender), not one per participant.
        return inTransaction(sql -> sql.list("SELECT p.name, p.participant_type, p.last_seen_at, coalesce(s.sent, 0) "
                + "FROM participants p LEFT JOIN (SELECT sender, count(*) AS sent FROM messages WHERE deleted_at IS NULL "
                + "GROUP BY sender) s ON s.sender = p.name ORDER BY p.name", row -> new Listed(row.getString(1), row.getString(2),
                row.getString(3), row.getLong(4))));
    }

    /** A participant as {@code parley admin participants} lists it. */
    public record Listed(String name, String type, String lastSeenAt, long messages) {}

    /** The channels in the database, archived ones too, by name (what {@code parley admin channels} lists). */
    public java.util.List<Channel> channels() {
        return inTransaction(sql -> sql.list(SqliteChannels.SELECT + "ORDER BY c.name", SqliteChannels::map));
    }

    private <T> T inTransaction(SqlTask<T> task) {
        try {
            sql.execute("BEGIN IMMEDIATE");
            try {
                T result = task.run(sql);
                sql.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                sql.execute("ROLLBACK");
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException.Failure("cannot write to the database", e);
        }
    }

    @Override
    public void close() {
        try {
            sql.close();
        } catch (SQLException e) {
            // nothing was pending: every call committed or rolled back
        }
    }
}
