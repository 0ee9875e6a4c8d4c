package dev.parley.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens connections to a Parley database file with the settings every connection needs.
 *
 * <p>{@code busy_timeout} is set first, before anything that could meet a lock; then WAL mode, so
 * readers never block the writer. Who owns which connection is decided by the caller: the hub
 * keeps exactly one writing connection and a few readers.
 */
public final class Database {
    /** How long a connection waits for a lock before giving up, in milliseconds. */
    public static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final int busyTimeoutMs;

    public Database(Path file) {
        this(file, BUSY_TIMEOUT_MS);
    }

    /** A database whose connections wait {@code busyTimeoutMs} for a lock (tests use short waits). */
    public Database(Path file, int busyTimeoutMs) {
        this.file = file.toAbsolutePath();
        this.busyTimeoutMs = busyTimeoutMs;
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** Opens a connection for writing: WAL journal, full fsync on commit, foreign keys on. */
    public Connection openWriter() throws SQLException {
        Connection connection = open();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA foreign_keys=ON");
        }
        return connection;
    }

    /** Opens a connection that only reads. */
    public Connection openReader() throws SQLException {
        Connection connection = open();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only=ON");
        }
        return connection;
    }

    private Connection open() throws SQLException {
        Connection connection = SqliteConnections.open(file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=" + busyTimeoutMs);
        }
        return connection;
    }
}
