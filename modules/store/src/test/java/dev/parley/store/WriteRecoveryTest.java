package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The writer after a fault: a full database (a size limit, and a real full file system), a file
 * locked by another connection. Each "append" below is shaped like the hub's: bump a channel
 * counter, then insert a row under it, so a half-stored write shows as a gap between the two.
 */
class WriteRecoveryTest {
    private static final int BIG = 200_000;

    @TempDir
    Path dir;

    private WriteQueue queue;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        if (queue != null) {
            queue.close();
        }
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    @Test
    void a_write_over_the_size_limit_fails_with_storage_full_and_leaves_nothing_behind() throws Exception {
        Database database = create(dir.resolve("limit.db"), Database.BUSY_TIMEOUT_MS);
        queue = new WriteQueue(database.openWriter(), database, 1_000, 1_000);
        await(append(100));
        await(queue.submit(sql -> {
            sql.execute("PRAGMA max_page_count = " + (sql.number("PRAGMA page_count") + 5));
            return null;
        }));

        assertThatThrownBy(() -> await(append(BIG))).isInstanceOf(StoreException.StorageFull.class)
                .hasMessageStartingWith("storage full");
        assertThat(queue.health().degraded()).isTrue();
        assertThat(queue.health().reason()).startsWith("storage full");
        assertConsistent(database, 1);

        await(queue.submit(sql -> {
            sql.execute("PRAGMA max_page_count = 1000000");
            return null;
        }));
        assertThat(await(append(BIG))).isEqualTo(2);
        assertThat(queue.health().degraded()).isFalse();
        assertThat(queue.health().faults()).isEqualTo(1);
        assertConsistent(database, 2);
    }

    @Test
    void after_a_full_disk_the_writer_recovers_by_itself_once_space_is_freed() throws Exception {
        SmallFilesystem fs = SmallFilesystem.mount(dir.resolve("fs"), 3);
        cleanup.add(fs);
        Database database = create(fs.dir().resolve("full.db"), Database.BUSY_TIMEOUT_MS);
        queue = new WriteQueue(database.openWriter(), database, 1_000, 1_000);
        long acked = 0;
        for (int i = 0; i < 5; i++) {
            acked = await(append(10_000));
        }
        Path filler = fs.fill();

        // Batches of several tasks (savepoints) and of one, until the full disk has failed some.
        List<CompletableFuture<Long>> tried = new ArrayList<>();
        for (int round = 0; round < 20 && tried.stream().noneMatch(CompletableFuture::isCompletedExceptionally);
                round++) {
            CountDownLatch release = holdWriter();
            for (int i = 0; i < 4; i++) {
                tried.add(append(BIG));
            }
            release.countDown();
            tried.add(append(BIG));
            tried.forEach(f -> f.handle((v, e) -> v).join());
        }
        long failed = tried.stream().filter(CompletableFuture::isCompletedExceptionally).count();
        assertThat(failed).as("writes refused by the full disk").isPositive();
        for (CompletableFuture<Long> attempt : tried) {
            if (attempt.isCompletedExceptionally()) {
                assertThatThrownBy(() -> await(attempt)).isInstanceOf(StoreException.StorageFull.class);
            } else {
                acked = Math.max(acked, attempt.join());
            }
        }
        assertThat(queue.health().degraded()).isTrue();
        assertConsistent(database, acked);

        Files.delete(filler);
        // No client write: the writer's own probe finds the space back.
        eventually(() -> !queue.health().degraded());
        long next = await(append(BIG));
        assertThat(next).as("the next seq, no gap").isEqualTo(acked + 1);
        assertConsistent(database, next);

        queue.close();
        queue = null;
        assertConsistent(database, next); // durable across a restart of the writer
    }

    @Test
    void a_file_locked_by_another_connection_fails_writes_as_unavailable_until_released() throws Exception {
        Database database = create(dir.resolve("locked.db"), 200);
        queue = new WriteQueue(database.openWriter(), database, 1_000, 1_000);
        await(append(100));
        Connection other = database.openWriter();
        cleanup.add(other);
        try (Statement statement = other.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
            statement.execute("INSERT INTO t(seq, x) VALUES (99, 'other')");
        }

        assertThatThrownBy(() -> await(append(100))).isInstanceOf(StoreException.Unavailable.class)
                .hasMessageContaining("locked");
        assertThat(queue.health().degraded()).isTrue();
        assertThat(queue.health().reason()).startsWith("storage unavailable");

        try (Statement statement = other.createStatement()) {
            statement.execute("ROLLBACK");
        }
        assertThat(await(append(100))).isEqualTo(2);
        assertThat(queue.health().degraded()).isFalse();
        assertConsistent(database, 2);
    }

    @Test
    void sql_errors_are_classified_by_their_sqlite_result_code() {
        assertThat(StoreException.of("w", new SQLiteException("full", SQLiteErrorCode.SQLITE_FULL)))
                .isInstanceOf(StoreException.StorageFull.class);
        assertThat(StoreException.of("w", new SQLiteException("io", SQLiteErrorCode.SQLITE_IOERR_WRITE)))
                .isInstanceOf(StoreException.Unavailable.class);
        assertThat(StoreException.of("w", new SQLiteException("busy", SQLiteErrorCode.SQLITE_BUSY)))
                .isInstanceOf(StoreException.Unavailable.class);
        assertThat(StoreException.of("w", new SQLiteException("ro", SQLiteErrorCode.SQLITE_READONLY)))
                .isInstanceOf(StoreException.Unavailable.class);
        assertThat(StoreException.of("w", new SQLiteException("bug", SQLiteErrorCode.SQLITE_ERROR)))
                .isInstanceOf(StoreException.Failure.class);
        assertThat(StoreException.of("w", new SQLException("plain"))).isInstanceOf(StoreException.Failure.class);
    }

    /** A counter row (the channel's last seq) and a table of rows stored under it. */
    private static Database create(Path file, int busyTimeoutMs) throws SQLException {
        Database database = new Database(file, busyTimeoutMs);
        try (Connection connection = database.openWriter(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE counter(n INTEGER NOT NULL)");
            statement.execute("INSERT INTO counter(n) VALUES (0)");
            statement.execute("CREATE TABLE t(seq INTEGER NOT NULL, x BLOB)");
        }
        return database;
    }

    /** Takes the next seq, then stores a row of {@code bytes} random bytes under it. */
    private CompletableFuture<Long> append(int bytes) {
        return queue.submit(sql -> {
            long seq = sql.one("UPDATE counter SET n = n + 1 RETURNING n", row -> row.getLong(1)).orElseThrow();
            sql.update("INSERT INTO t(seq, x) VALUES (?, randomblob(?))", seq, bytes);
            return seq;
        });
    }

    /** The counter equals the number of rows, and the rows hold exactly seq 1..acked: no gap, no half write. */
    private static void assertConsistent(Database database, long acked) throws SQLException {
        try (Connection reader = database.openReader(); Statement statement = reader.createStatement()) {
            List<Long> seqs = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT seq FROM t WHERE seq <> 99 ORDER BY seq")) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                }
            }
            long counter;
            try (ResultSet row = statement.executeQuery("SELECT n FROM counter")) {
                row.next();
                counter = row.getLong(1);
            }
            assertThat(counter).as("counter").isEqualTo(acked);
            assertThat(seqs).as("stored seqs").hasSize((int) acked);
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(i + 1L);
            }
        }
    }

    /** Occupies the writer until the returned latch is released, so the next submissions form one batch. */
    private CountDownLatch holdWriter() throws InterruptedException {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue.submit(sql -> {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        busy.await();
        return release;
    }

    private static <T> T await(CompletableFuture<T> future) {
        return TestStore.await(future);
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(20);
        }
    }
}
