package dev.parley.installer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.sqlite.JDBC;

/**
 * Connections through the database's own sqlite-jdbc, which stage 1 put on the installer's class path. Opened
 * through the driver class: {@code DriverManager} sees no driver loaded by a child class loader.
 */
final class Sqlite {
    private Sqlite() {}

    /** A read-write connection that waits up to 10 s for a lock. */
    static Connection open(Path file) throws SQLException {
        return connect("jdbc:sqlite:" + file);
    }

    /**
     * A read-only connection. {@code immutable}: SQLite also ignores any journal or WAL beside the file and never
     * locks it; for private copies that nobody else can reach.
     */
    static Connection openReadOnly(Path file, boolean immutable) throws SQLException {
        return connect("jdbc:sqlite:" + file.toAbsolutePath().toUri() + "?mode=ro" + (immutable ? "&immutable=1" : ""));
    }

    private static Connection connect(String url) throws SQLException {
        Connection connection = new JDBC().connect(url, new Properties());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
