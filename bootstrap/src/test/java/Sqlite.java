import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * sqlite-jdbc as the oracle: what SQLite itself reads from a file, next to what {@link Bootstrap.SqliteFile} reads,
 * both as rows of plain values (rowid first; blobs as their length and sha256 so big ones compare cheaply).
 */
final class Sqlite {
    private Sqlite() {}

    static Connection open(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
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

    /** SQLite's answer to {@code SELECT rowid, * FROM table ORDER BY rowid}. */
    static List<List<Object>> oracle(Connection connection, String table) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT rowid, * FROM " + table + " ORDER BY rowid")) {
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

    /** What the bootstrap's reader sees. */
    static List<List<Object>> reader(Path db, String table) throws IOException {
        try (Bootstrap.SqliteFile file = Bootstrap.SqliteFile.open(db)) {
            List<List<Object>> rows = new ArrayList<>();
            for (Bootstrap.Row row : file.rows(table)) {
                List<Object> values = new ArrayList<>();
                values.add(row.rowid());
                row.values().values().forEach(value -> values.add(plain(value)));
                rows.add(values);
            }
            return rows;
        }
    }

    private static Object plain(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof byte[] bytes) {
            return "blob[" + bytes.length + "]" + Bootstrap.sha256(bytes);
        }
        return value;
    }
}
