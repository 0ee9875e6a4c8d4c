package dev.parley.cli.hub;

import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.server.auth.Secrets;
import dev.parley.store.AdminConnection;
import dev.parley.store.HistoryEpoch;
import dev.parley.store.PrivateFiles;
import dev.parley.store.SqliteConnections;
import dev.parley.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;

/**
 * The hub's live database file on this machine, opened beside a running hub (WAL mode lets readers and the
 * hub's writer work at once; {@code busy_timeout} rides out its commits). Used by {@code invite} (issues a hub
 * token), {@code keys reset}, {@code backup} ({@code VACUUM INTO}, to a file only its owner may read) and
 * {@code prune} (which build is current).
 */
public final class LocalDatabase {
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;

    public LocalDatabase(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    /** True when the database file exists here. */
    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /**
     * Issues a new hub token: stores its salted hash (the hub accepts it within a second, running or
     * not) and returns the token itself, which exists nowhere else. With {@code revokeOthers} every
     * earlier token stops working.
     */
    public String issueHubToken(String label, boolean revokeOthers) {
        String token = Secrets.newSecret();
        admin(db -> db.addHubToken(Secrets.hash(token), label, revokeOthers));
        return token;
    }

    /**
     * Resets a participant's key: to a new hub-made key, returned once ({@code newKey}), or to none,
     * so the next connection under the name sets it.
     *
     * @return the new key, or null when {@code newKey} is false
     */
    public String resetKey(String name, boolean newKey) {
        String key = newKey ? Secrets.newSecret() : null;
        if (!admin(db -> db.resetKey(name, key == null ? null : Secrets.hash(key)))) {
            throw new CliException(Exit.NOT_FOUND, "no participant '" + name + "' in " + file);
        }
        return key;
    }

    /** Deletes a channel and its messages as the hub's admin ({@link AdminConnection#deleteChannel}). */
    public dev.parley.store.Channel deleteChannel(String channel) {
        try {
            return admin(db -> db.deleteChannel(channel));
        } catch (CliException e) {
            if (e.getCause() instanceof StoreException.ChannelNotFound) {
                throw new CliException(Exit.NOT_FOUND, "no channel '" + channel + "' in " + file);
            }
            if (e.getCause() instanceof StoreException.NotAllowed refused) {
                throw new CliException(Exit.REFUSED, refused.getMessage());
            }
            throw e;
        }
    }

    /** Removes a participant and its traces as the hub's admin ({@link AdminConnection#removeParticipant}). */
    public dev.parley.store.ParticipantRemoval.Removed removeParticipant(String name) {
        try {
            return admin(db -> db.removeParticipant(name));
        } catch (CliException e) {
            if (e.getCause() instanceof StoreException.ParticipantNotFound) {
                throw new CliException(Exit.NOT_FOUND, "no participant '" + name + "' in " + file);
            }
            throw e;
        }
    }

    /** Every participant in the database, by name. */
    public java.util.List<AdminConnection.Listed> participants() {
        return admin(AdminConnection::participants);
    }

    /** Every channel in the database, archived ones too, by name. */
    public java.util.List<dev.parley.store.Channel> channels() {
        return admin(AdminConnection::channels);
    }

    private <T> T admin(Function<AdminConnection, T> work) {
        if (!exists()) {
            throw new CliException(Exit.NO_DATABASE, "no database at " + file + " (set PARLEY_DB or PARLEY_HOME, or run"
                    + " this on the hub's machine)");
        }
        try (AdminConnection db = AdminConnection.open(file)) {
            return work.apply(db);
        } catch (StoreException e) {
            throw new CliException(Exit.FILE_ERROR, e.getMessage(), e);
        }
    }

    /**
     * Writes a consistent copy of the whole database to {@code target} with {@code VACUUM INTO} (compact, and
     * safe while the hub writes), gives the copy a new history epoch (restoring it takes history back, and
     * resuming clients must learn so), then checks the copy with {@code PRAGMA quick_check}.
     */
    public void vacuumInto(Path target) {
        try (Connection connection = open();
             PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            createPrivately(target);
            vacuum.setString(1, target.toAbsolutePath().toString());
            vacuum.execute();
        } catch (SQLException e) {
            deleteQuietly(target);
            throw failure("back up", e);
        }
        try (Connection copy = SqliteConnections.open(target.toAbsolutePath());
             Statement statement = copy.createStatement()) {
            // Restoring the copy takes history back: it must not claim the live line of it (resume epochs).
            HistoryEpoch.renew(copy);
            if (!copy.getAutoCommit()) {
                copy.commit();
            }
            try (ResultSet check = statement.executeQuery("PRAGMA quick_check")) {
                String verdict = check.next() ? check.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new CliException(Exit.FILE_ERROR, "the backup " + target + " failed its check: " + verdict);
                }
            }
        } catch (SQLException e) {
            throw new CliException(Exit.FILE_ERROR, "cannot check the backup " + target + ": " + e.getMessage());
        }
    }

    /** What code a database packs: its build hash and the stored bytes of its packed files and jars. */
    public record PackedCode(String buildHash, long bytes) {}

    /** The code this database packs (installed from a template), or null when it packs none. */
    public PackedCode packedCode() {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('sqlar', 'metadata')")) {
                if (!tables.next() || tables.getInt(1) < 2) {
                    return null;
                }
            }
            try (ResultSet row = statement.executeQuery("SELECT (SELECT value FROM metadata WHERE key = 'build_hash'),"
                    + " (SELECT coalesce(sum(length(data)), 0) FROM sqlar)")) {
                row.next();
                return new PackedCode(row.getString(1), row.getLong(2));
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** The copy holds every message and hash: 0600 from the start (VACUUM INTO fills an empty file). */
    private static void createPrivately(Path target) {
        try {
            PrivateFiles.createFile(target.toAbsolutePath());
        } catch (IOException e) {
            throw new CliException(Exit.FILE_ERROR, "cannot create the backup " + target + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the error about the failed copy says more
        }
    }

    private Connection open() throws SQLException {
        if (!exists()) {
            throw new CliException(Exit.NO_DATABASE, "no database at " + file + " (set PARLEY_DB or PARLEY_HOME, or run"
                    + " this on the hub's machine)");
        }
        Connection connection = SqliteConnections.open(file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
        }
        return connection;
    }

    private CliException failure(String action, SQLException e) {
        return new CliException(Exit.FILE_ERROR, "cannot " + action + " the database " + file + ": " + e.getMessage(), e);
    }
}
