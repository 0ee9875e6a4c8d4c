package dev.parley.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.JDBC;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Opens SQLite connections through the driver class directly, not through {@code DriverManager}.
 *
 * <p>The bootstrap runs the hub in its own JVM, from a class loader it made for the build's jars;
 * {@code DriverManager} only hands out drivers its caller's class loader can see from the system
 * class loader, so it would answer "no suitable driver" there.
 */
public final class SqliteConnections {
    private SqliteConnections() {}

    /**
     * Loads the driver's native library now (the first connection would), so a thread with nothing else to do can
     * take that off the start of the hub; any failure is left for the first connection to report.
     */
    public static void loadNativeLibrary() {
        try {
            SQLiteJDBCLoader.initialize();
        } catch (Exception | LinkageError e) {
            // the first connection loads it again and says what is wrong
        }
    }

        /** A new connection to the database file. */
    public static Connection open(Path file) throws SQLException {
        return open("jdbc:sqlite:" + file);
    }

    /** A new connection for a {@code jdbc:sqlite:} URL (which may carry {@code ?mode=ro} and the like). */
    public static Connection open(String url) throws SQLException {
        Connection connection = new JDBC().connect(url, new Properties());
        if (connection == null) {
            throw new SQLException("not a SQLite URL: " + url);
        }
        return connection;
    }
}
