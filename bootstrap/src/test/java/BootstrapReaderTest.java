import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bootstrap's own reader of the SQLite file format gives exactly the rows SQLite gives. */
class BootstrapReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {512, 4096, 65536})
    void readsEveryRowOfATableSpreadOverSeveralLevelsOfInteriorPages(int pageSize) throws Exception {
        Path db = dir.resolve("many.db");
        try (Connection connection = Sqlite.open(db)) {
            Sqlite.execute(connection, "PRAGMA page_size=" + pageSize, "CREATE TABLE t(n INTEGER, label TEXT)");
            connection.setAutoCommit(false);
            Random random = new Random(pageSize);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < 30_000; i++) {
                    insert.setInt(1, i * 7 - 1000);
                    insert.setString(2, "row " + i + " " + "x".repeat(random.nextInt(pageSize > 512 ? 300 : 900)));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            Sqlite.execute(connection, "DELETE FROM t WHERE n % 5 = 0"); // holes, freed pages
            connection.commit();
        }

        List<List<Object>> rows = Sqlite.reader(db, "t");

        assertThat(rows).hasSize(24_000).isEqualTo(Sqlite.oracle(db, "t"));
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096, 65536})
    void readsBlobsAndTextsOfSeveralMegabytesThroughTheirOverflowChains(int pageSize) throws Exception {
        Path db = dir.resolve("big.db");
        Random random = new Random(42);
        try (Connection connection = Sqlite.open(db)) {
            Sqlite.execute(connection, "PRAGMA page_size=" + pageSize, "CREATE TABLE files(name TEXT, data BLOB)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO files VALUES (?, ?)")) {
                for (int size : new int[] {0, 1, 100, 480, 481, 4061, 4062, 65500, 70_000, 3_000_000, 6_000_000}) {
                    byte[] data = new byte[size];
                    random.nextBytes(data);
                    insert.setString(1, "blob " + size);
                    insert.setBytes(2, data);
                    insert.executeUpdate();
                }
                insert.setString(1, "é".repeat(1_500_000)); // 3 MB of UTF-8 text
                insert.setNull(2, java.sql.Types.BLOB);
                insert.executeUpdate();
            }
        }

        assertThat(Sqlite.reader(db, "files")).hasSize(12).isEqualTo(Sqlite.oracle(db, "files"));
    }

    @Test
    void decodesEverySerialType() throws Exception {
        Path db = dir.resolve("types.db");
        Object[] values = {null, 0L, 1L, 2L, 127L, -128L, 128L, 32767L, -32768L, 32768L, 8388607L, -8388608L,
            8388608L, 2147483647L, -2147483648L, 2147483648L, 140737488355327L, -140737488355328L,
            140737488355328L, Long.MAX_VALUE, Long.MIN_VALUE, -1L, 3.14, -0.5, 1e300, Double.MIN_VALUE, "", "text",
            "ünïcødé 🎉", new byte[0], new byte[] {0, 1, 2, (byte) 255}};
        try (Connection connection = Sqlite.open(db)) {
            Sqlite.execute(connection, "CREATE TABLE v(x, r REAL, i INTEGER)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO v VALUES (?, ?, ?)")) {
                for (Object value : values) {
                    insert.setObject(1, value);
                    insert.setObject(2, value instanceof Double d ? d : null); // REAL affinity: no conversions

                    insert.setObject(3, value instanceof Double d ? (Object) d.toString() : "12");
                    insert.executeUpdate();
                }
            }
        }

        List<List<Object>> rows = Sqlite.reader(db, "v");

        assertThat(rows).isEqualTo(Sqlite.oracle(db, "v"));
        assertThat(rows.get(22).get(1)).isEqualTo(3.14);
    }

    @Test
    void honoursReservedBytesAtTheEndOfEveryPage() throws Exception {
        // scripts/setup-test-tools.sh installs sqlite3; the test fails rather than skips without it.
        assertThat(onPath("sqlite3")).as("the sqlite3 command (sets reserved bytes)").isTrue();
        Path db = dir.resolve("reserved.db");
        Process sqlite3 = new ProcessBuilder("sqlite3", db.toString(), ".filectrl reserve_bytes 32",
                "CREATE TABLE t(x, y);").redirectErrorStream(true).start();
        assertThat(sqlite3.waitFor()).isZero();
        try (Connection connection = Sqlite.open(db);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            connection.setAutoCommit(false); // one transaction: 2,000 commits (each a sync) took 7 s of the suite
            for (int i = 0; i < 2000; i++) {
                insert.setInt(1, i);
                insert.setString(2, "y".repeat(i * 13 % 9000));
                insert.executeUpdate();
            }
            connection.commit();
        }

        assertThat(Sqlite.reader(db, "t")).hasSize(2000).isEqualTo(Sqlite.oracle(db, "t"));
    }

    @Test
    void readsTheApplicationIdAndRefusesFilesThatAreNotSqlite() throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection connection = Sqlite.open(db)) {
            Sqlite.execute(connection, "PRAGMA application_id=1347570777", "CREATE TABLE t(x)");
        }

        Path text = Files.writeString(dir.resolve("notes.db"), "just some text, not a database at all ".repeat(10),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Bootstrap.SqliteFile.open(text)).isInstanceOf(Bootstrap.Failure.class)
                .hasMessageContaining("not a SQLite database");
        Path empty = Files.createFile(dir.resolve("empty.db"));
        assertThatThrownBy(() -> Bootstrap.SqliteFile.open(empty)).isInstanceOf(Bootstrap.Failure.class);
    }

    @Test
    void reportsADamagedFileAsAFailureNeverAsACrash() throws Exception {
        Path original = dir.resolve("original.db");
        try (Connection connection = Sqlite.open(original)) {
            Sqlite.execute(connection, "PRAGMA page_size=512", "CREATE TABLE t(x, y TEXT)");
            Sqlite.execute(connection, "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 800) "
                    + "INSERT INTO t SELECT randomblob(i % 700), 'row ' || i FROM s");
        }
        byte[] intact = Files.readAllBytes(original);
        int damaged = 0;
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            byte[] bytes = intact.clone();
            for (int i = 0; i < 1 + seed % 8; i++) {
                bytes[100 + random.nextInt(bytes.length - 100)] = (byte) random.nextInt();
            }
            Path db = Files.write(dir.resolve("damaged-" + seed + ".db"), bytes);
            try {
                Sqlite.reader(db, "t");
            } catch (Bootstrap.Failure expected) {
                assertThat(expected.code).isEqualTo(Bootstrap.NO_DATABASE);
                damaged++;
            }
        }
        assertThat(damaged).as("damaged files noticed").isPositive();
    }

    static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, command)));
    }
}
