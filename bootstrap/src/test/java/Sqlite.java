import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * sqlite-jdbc as the oracle: what SQLite itself reads from a file, next to what {@link Bootstrap.SqliteFile} reads,
 * both as rows of plain values (blobs as their length and sha256 so big ones compare cheaply).
 */
final class Sqlite {
    private Sqlite() {}

    static Connection open(Path db) throws SQLException {
        return new org.sqlite.JDBC().connect("jdbc:sqlite:" + db, new java.util.Properties());
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Runs a whole SQL script: sqlite-jdbc's executeUpdate runs every statement ({@code execute} only the first). */
    static void executeScript(Connection connection, String script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(script);
        }
    }

    /** SQLite's answer to {@code SELECT * FROM table ORDER BY rowid} (a table without an INTEGER PRIMARY KEY). */
    static List<List<Object>> oracle(Connection connection, String table) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY rowid")) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    row.add(plain(result.getObject(c)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The same file opened by a fresh connection, closed afterwards. */
    static List<List<Object>> oracle(Path db, String table) throws SQLException {
        try (Connection connection = open(db)) {
            return oracle(connection, table);
        }
    }

    /** What stage 1's reader sees (the record's values, in b-tree order: by rowid). */
    static List<List<Object>> reader(Path db, String table) throws IOException {
        try (Bootstrap.SqliteFile file = Bootstrap.SqliteFile.open(db)) {
            List<List<Object>> rows = new ArrayList<>();
            file.scan(table, row -> {
                List<Object> values = new ArrayList<>();
                for (Object value : row) {
                    values.add(plain(value));
                }
                rows.add(values);
            });
            return rows;
        }
    }

    /** Every metadata row, read by SQLite. */
    static java.util.Map<String, String> metadata(Path db) throws SQLException {
        java.util.Map<String, String> rows = new java.util.TreeMap<>();
        try (Connection connection = open(db); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT key, value FROM metadata")) {
            while (row.next()) {
                rows.put(row.getString(1), row.getString(2));
            }
        }
        return rows;
    }

    /** A sqlar entry's stored bytes (uncompressed for small text), or null. */
    static byte[] sqlar(Path db, String name) throws SQLException {
        try (Connection connection = open(db);
             java.sql.PreparedStatement query = connection.prepareStatement("SELECT data FROM sqlar WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        }
    }

    /** A metadata value, read by SQLite. */
    static String metadata(Path db, String key) throws SQLException {
        try (Connection connection = open(db);
             java.sql.PreparedStatement query = connection.prepareStatement("SELECT value FROM metadata WHERE key = ?")) {
            query.setString(1, key);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static Object plain(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof byte[] bytes) {
            return "blob[" + bytes.length + "]" + InstallerSources.sha256(bytes);
        }
        return value;
    }
}
