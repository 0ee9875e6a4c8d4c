import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ChildProcess;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database whose newest transactions are only in its {@code -wal} file, as a killed hub leaves it, reads
 * exactly as SQLite reads it: committed transactions count, torn and uncommitted frames do not.
 */
class BootstrapWalTest {
    @TempDir
    Path dir;

    @Test
    void readsCommittedTransactionsThatAreStillOnlyInTheWal() throws Exception {
        Path db = dir.resolve("live.db");
        try (Connection writer = walConnection(db)) {
            for (int batch = 0; batch < 20; batch++) {
                insertRows(writer, batch * 100, 100);
            }
            Sqlite.execute(writer, "UPDATE t SET body = 'changed' WHERE n % 7 = 0", "DELETE FROM t WHERE n % 11 = 0");

            assertThat(Files.size(dir.resolve("live.db-wal"))).isPositive();
            assertThat(Sqlite.reader(db, "t")).hasSize(2000 - 182).isEqualTo(Sqlite.oracle(writer, "t"));
        }
    }

    @Test
    void readsTheDatabaseAloneBesideAnEmptyWalOrOneWithOnlyItsHeader() throws Exception {
        Path db = dir.resolve("live.db");
        try (Connection writer = walConnection(db)) {
            insertRows(writer, 0, 300);
            Sqlite.execute(writer, "PRAGMA wal_checkpoint(TRUNCATE)"); // what a hub leaves after a clean stop
        }
        List<List<Object>> expected = Sqlite.oracle(db, "t"); // before: SQLite deletes a -wal it finds empty
        assertThat(expected).hasSize(300);
        Path wal = dir.resolve("live.db-wal");
        Files.write(wal, new byte[0]);

        assertThat(Sqlite.reader(db, "t")).as("beside an empty -wal").isEqualTo(expected);
        Files.write(wal, Arrays.copyOf(new byte[] {0x37, 0x7f, 0x06, (byte) 0x82}, 32)); // a header, no frames
        assertThat(Sqlite.reader(db, "t")).as("beside a -wal without frames").isEqualTo(expected);
    }

    @Test
    void readsADatabaseWhoseEveryPageIncludingTheFirstIsOnlyInTheWal() throws Exception {
        Path db = dir.resolve("live.db");
        try (Connection writer = walConnection(db)) {
            insertRows(writer, 0, 300);
            Path copy = copyWithWal(db, dir.resolve("copy"));
            Files.write(copy, new byte[0]); // the file itself holds nothing yet

            assertThat(Sqlite.reader(copy, "t")).hasSize(300).isEqualTo(Sqlite.oracle(writer, "t"));
        }
    }

    @Test
    void ignoresAFrameTornInHalfAtTheEndOfTheWal() throws Exception {
        Path db = dir.resolve("live.db");
        Path copy;
        try (Connection writer = walConnection(db)) {
            insertRows(writer, 0, 100);
            insertRows(writer, 100, 100);
            copy = copyWithWal(db, dir.resolve("copy"));
        }
        Path wal = dir.resolve("copy/live.db-wal");
        try (RandomAccessFile file = new RandomAccessFile(wal.toFile(), "rw")) {
            file.setLength(file.length() - 2000); // the last frame, the second commit, is cut short
        }

        List<List<Object>> rows = Sqlite.reader(copy, "t");

        assertThat(rows).hasSize(100).isEqualTo(Sqlite.oracle(copy, "t"));
    }

    @Test
    void ignoresGarbageAppendedAfterTheLastCommit() throws Exception {
        Path db = dir.resolve("live.db");
        Path copy;
        try (Connection writer = walConnection(db)) {
            insertRows(writer, 0, 150);
            copy = copyWithWal(db, dir.resolve("copy"));
        }
        byte[] garbage = new byte[3 * (24 + 4096)];
        new Random(1).nextBytes(garbage);
        Files.write(dir.resolve("copy/live.db-wal"), garbage, StandardOpenOption.APPEND);

        assertThat(Sqlite.reader(copy, "t")).hasSize(150).isEqualTo(Sqlite.oracle(copy, "t"));
    }

    @Test
    void ignoresACommitWhoseFrameChecksumDoesNotHold() throws Exception {
        Path db = dir.resolve("live.db");
        Path copy;
        try (Connection writer = walConnection(db)) {
            insertRows(writer, 0, 100);
            insertRows(writer, 100, 1);
            copy = copyWithWal(db, dir.resolve("copy"));
        }
        Path wal = dir.resolve("copy/live.db-wal");
        byte[] bytes = Files.readAllBytes(wal);
        bytes[bytes.length - 100] ^= 1; // one bit of the last frame's page: salts still match, checksum does not
        Files.write(wal, bytes);

        assertThat(Sqlite.reader(copy, "t")).hasSize(100).isEqualTo(Sqlite.oracle(copy, "t"));
    }

    @Test
    void ignoresFramesLeftFromAnEarlierWalGeneration() throws Exception {
        Path db = dir.resolve("live.db");
        try (Connection writer = walConnection(db)) {
            insertRows(writer, 0, 500);
            Sqlite.execute(writer, "PRAGMA wal_checkpoint(RESTART)");
            long longWal = Files.size(dir.resolve("live.db-wal"));
            Sqlite.execute(writer, "DELETE FROM t WHERE n >= 10"); // rewrites the WAL from its start, new salts
            Sqlite.execute(writer, "UPDATE t SET body = 'new generation'");
            assertThat(Files.size(dir.resolve("live.db-wal"))).isEqualTo(longWal); // old frames still behind

            assertThat(Sqlite.reader(db, "t")).hasSize(10).isEqualTo(Sqlite.oracle(writer, "t"));
        }
    }

    @Test
    void ignoresFramesOfATransactionThatNeverCommitted() throws Exception {
        Path db = dir.resolve("live.db");
        Path copy;
        try (Connection writer = walConnection(db)) {
            insertRows(writer, 0, 50);
            long committedWal = Files.size(dir.resolve("live.db-wal"));
            Sqlite.execute(writer, "PRAGMA cache_size=10"); // a small cache spills the open transaction to the WAL
            writer.setAutoCommit(false);
            insertRows(writer, 50, 3000);
            copy = copyWithWal(db, dir.resolve("copy"));
            assertThat(Files.size(dir.resolve("copy/live.db-wal"))).isGreaterThan(committedWal);
            writer.rollback();
        }

        assertThat(Sqlite.reader(copy, "t")).hasSize(50).isEqualTo(Sqlite.oracle(copy, "t"));
    }

    @Test
    void readsWhatSqliteReadsAfterAWriterIsKilledMidTransaction() throws Exception {
        Path db = dir.resolve("killed.db");
        int awaited = 300 + new Random().nextInt(3000);
        long committed;
        try (ChildProcess writer = ChildProcess.javaMain(WalWriter.class.getName(), db.toString())) {
            long round = (awaited + 9) / 10 * 10; // it commits ten rows at a time and says so after each commit
            writer.awaitLine(Pattern.compile("^committed " + round + "$"), Duration.ofSeconds(60));
            writer.kill9(); // SIGKILL: no shutdown hook, no checkpoint, no close
            committed = writer.output().lines().filter(line -> line.startsWith("committed "))
                    .mapToLong(line -> Long.parseLong(line.substring(10))).max().orElseThrow();
        }
        assertThat(committed).as("rows the writer committed").isGreaterThanOrEqualTo(awaited);
        assertThat(dir.resolve("killed.db-wal")).exists();

        List<List<Object>> rows = Sqlite.reader(db, "log");

        assertThat(rows.size()).isGreaterThanOrEqualTo((int) committed);
        assertThat(rows).isEqualTo(Sqlite.oracle(db, "log"));
    }

    private static Connection walConnection(Path db) throws Exception {
        Connection connection = Sqlite.open(db);
        Sqlite.execute(connection, "PRAGMA journal_mode=WAL", "PRAGMA wal_autocheckpoint=0",
                "CREATE TABLE t(n INTEGER, body TEXT, data BLOB)");
        return connection;
    }

    private static void insertRows(Connection connection, int from, int count) throws Exception {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        for (int n = from; n < from + count; n++) {
            TemplateDb.insert(connection, "INSERT INTO t VALUES (?, ?, ?)", n, "body " + n,
                    new byte[n % 13 == 0 ? 5000 : n % 100]);
        }
        if (autoCommit) {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    /** Copies a database and its WAL while its writer still has them open, as a crash would leave them. */
    private static Path copyWithWal(Path db, Path folder) throws Exception {
        Files.createDirectories(folder);
        Path copy = folder.resolve(db.getFileName());
        Files.copy(db, copy);
        Files.copy(db.resolveSibling(db.getFileName() + "-wal"), folder.resolve(db.getFileName() + "-wal"));
        return copy;
    }
}
