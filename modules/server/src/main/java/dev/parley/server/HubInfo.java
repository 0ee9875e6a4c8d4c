package dev.parley.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What this hub is: product, version and build hash, read from the database's metadata table
 * (written there by whatever packed it) or {@code dev} values for a database that has none.
 */
public record HubInfo(String product, String version, String buildHash) {

    /** Reads the metadata table of a database file when it exists. */
    public static HubInfo read(java.nio.file.Path db) throws SQLException {
        try (Connection connection = new dev.parley.store.Database(db).openReader()) {
            return read(connection);
        }
    }

    /** Reads the metadata table when it exists. */
    public static HubInfo read(Connection connection) throws SQLException {
        Map<String, String> metadata = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet table = statement.executeQuery(
                     "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'metadata'")) {
            if (table.next() && table.getInt(1) == 1) {
                try (ResultSet rows = statement.executeQuery("SELECT key, value FROM metadata")) {
                    while (rows.next()) {
                        metadata.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        return new HubInfo("Parley", metadata.getOrDefault("template_version", "dev"),
                metadata.getOrDefault("build_hash", "dev"));
    }

    /** The first 12 characters of the build hash, for logs. */
    public String shortHash() {
        return buildHash.length() > 12 ? buildHash.substring(0, 12) : buildHash;
    }
}
