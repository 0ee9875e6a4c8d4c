package dev.parley.cli.hub;

import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The hub's live database file on this machine, opened beside a running hub (WAL mode lets readers and the
 * hub's writer work at once; {@code busy_timeout} rides out its commits). Used by {@code invite} (the hub token)
 * and {@code backup} ({@code VACUUM INTO}).
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

    /** The hub token the hub stored at its first start ({@code hub_settings.hub_token}), if any. */
    public Optional<String> hubToken() {
        try (Connection connection = open(true);
             PreparedStatement query = connection.prepareStatement("SELECT value FROM hub_settings WHERE key = ?")) {
            query.setString(1, "hub_token");
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return Optional.empty(); // a database no hub has served yet
            }
            throw failure("read the hub token from", e);
        }
    }

    /**
     * Writes a consistent copy of the whole database to {@code target} with {@code VACUUM INTO} (compact, and
     * safe while the hub writes), then checks the copy with {@code PRAGMA quick_check}.
     */
    public void vacuumInto(Path target) {
        try (Connection connection = open(false);
             PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toAbsolutePath().toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw failure("back up", e);
        }
        try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + target.toAbsolutePath());
             Statement statement = copy.createStatement();
             ResultSet check = statement.executeQuery("PRAGMA quick_check")) {
            String verdict = check.next() ? check.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new CliException(Exit.FILE_ERROR, "the backup " + target + " failed its check: " + verdict);
            }
        } catch (SQLException e) {
            throw new CliException(Exit.FILE_ERROR, "cannot check the backup " + target + ": " + e.getMessage());
        }
    }

    private Connection open(boolean readOnly) throws SQLException {
        if (!exists()) {
            throw new CliException(Exit.NOT_FOUND, "no database at " + file + " (set PARLEY_DB or PARLEY_HOME, or run"
                    + " this on the hub's machine)");
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
            if (readOnly) {
                statement.execute("PRAGMA query_only=ON");
            }
        }
        return connection;
    }

    private CliException failure(String action, SQLException e) {
        return new CliException(Exit.FILE_ERROR, "cannot " + action + " the database " + file + ": " + e.getMessage(), e);
    }
}
