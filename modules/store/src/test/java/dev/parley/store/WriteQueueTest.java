package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteQueueTest {
    @TempDir
    Path dir;

    private Database database;
    private WriteQueue queue;
    private final CountDownLatch writerBusy = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void createTable() throws Exception {
        database = new Database(dir.resolve("queue.db"));
        try (Connection connection = database.openWriter(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t(x TEXT NOT NULL)");
        }
    }

    @AfterEach
    void closeQueue() {
        release.countDown();
        if (queue != null) {
            queue.close();
        }
    }

    @Test
    void writes_queued_while_the_writer_is_busy_commit_together_in_one_transaction() throws Exception {
        queue = new WriteQueue(database.openWriter(), 1_000, 1_000);
        holdWriter();
        List<CompletableFuture<Integer>> inserts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            inserts.add(queue.submit(insert("row " + i)));
        }
        release.countDown();

        inserts.forEach(TestStore::await);

        WriteStats stats = queue.stats();
        assertThat(stats.lastBatchSize()).isEqualTo(100);
        assertThat(stats.maxBatchSize()).isEqualTo(100);
        assertThat(stats.commits()).isEqualTo(2);
        assertThat(stats.tasks()).isEqualTo(101);
        assertThat(rows()).hasSize(100);
    }

    @Test
    void a_failing_task_fails_only_its_own_future_and_its_neighbours_commit() throws Exception {
        queue = new WriteQueue(database.openWriter(), 1_000, 1_000);
        holdWriter();
        CompletableFuture<Integer> before = queue.submit(insert("before"));
        CompletableFuture<Integer> refused = queue.submit(sql -> {
            sql.update("INSERT INTO t(x) VALUES ('refused')");
            throw new StoreException.NotAllowed("no");
        });
        CompletableFuture<Integer> broken = queue.submit(sql -> sql.update("INSERT INTO nowhere VALUES (1)"));
        CompletableFuture<Integer> after = queue.submit(insert("after"));
        release.countDown();

        assertThat(TestStore.await(before)).isEqualTo(1);
        assertThat(TestStore.await(after)).isEqualTo(1);
        assertThatThrownBy(() -> TestStore.await(refused)).isInstanceOf(StoreException.NotAllowed.class);
        assertThatThrownBy(() -> TestStore.await(broken)).isInstanceOf(StoreException.Failure.class)
                .hasMessageContaining("nowhere");
        assertThat(rows()).containsExactly("before", "after");
        assertThat(queue.stats().lastBatchSize()).isEqualTo(4);
        assertThat(queue.stats().failedTasks()).isEqualTo(2);
    }

    @Test
    void deferred_work_runs_after_the_batch_in_its_transaction_and_a_failed_task_leaves_none() throws Exception {
        queue = new WriteQueue(database.openWriter(), 1_000, 1_000);
        holdWriter();
        CompletableFuture<Integer> kept = queue.submit(sql -> {
            sql.defer(s -> s.update("INSERT INTO t(x) VALUES ('deferred by kept')"));
            return sql.update("INSERT INTO t(x) VALUES ('kept')");
        });
        CompletableFuture<Integer> failed = queue.submit(sql -> {
            sql.defer(s -> s.update("INSERT INTO t(x) VALUES ('deferred by failed')"));
            throw new StoreException.NotAllowed("no");
        });
        CompletableFuture<Integer> last = queue.submit(insert("last"));
        release.countDown();

        TestStore.await(kept);
        TestStore.await(last);
        assertThatThrownBy(() -> TestStore.await(failed)).isInstanceOf(StoreException.NotAllowed.class);
        assertThat(rows()).containsExactly("kept", "last", "deferred by kept");
        assertThat(queue.stats().commits()).isEqualTo(2);
    }

    @Test
    void readers_cannot_defer_work() throws Exception {
        try (Sql reader = new Sql(database.openReader())) {
            assertThatThrownBy(() -> reader.defer(s -> null)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void a_single_failing_task_rolls_back_alone() throws Exception {
        queue = new WriteQueue(database.openWriter(), 1_000, 1_000);
        CompletableFuture<Integer> refused = queue.submit(sql -> {
            sql.update("INSERT INTO t(x) VALUES ('refused')");
            throw new StoreException.NotAllowed("no");
        });
        assertThatThrownBy(() -> TestStore.await(refused)).isInstanceOf(StoreException.NotAllowed.class);

        TestStore.await(queue.submit(insert("next")));

        assertThat(rows()).containsExactly("next");
    }

    @Test
    void a_full_queue_refuses_new_writes_with_overloaded() throws Exception {
        queue = new WriteQueue(database.openWriter(), 2, 1_000);
        holdWriter();
        CompletableFuture<Integer> first = queue.submit(insert("1"));
        CompletableFuture<Integer> second = queue.submit(insert("2"));

        assertThatThrownBy(() -> TestStore.await(queue.submit(insert("3"))))
                .isInstanceOf(StoreException.Overloaded.class).hasMessageContaining("2 writes");
        assertThat(queue.stats().queueDepth()).isEqualTo(2);

        release.countDown();
        TestStore.await(first);
        TestStore.await(second);
        assertThat(rows()).containsExactly("1", "2");
    }

    @Test
    void close_runs_the_queued_writes_then_refuses_new_ones_and_empties_the_wal() throws Exception {
        queue = new WriteQueue(database.openWriter(), 1_000, 10);
        holdWriter();
        List<CompletableFuture<Integer>> inserts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            inserts.add(queue.submit(insert("row " + i)));
        }
        release.countDown();

        queue.close();

        assertThat(inserts).allSatisfy(insert -> assertThat(insert).isCompletedWithValue(1));
        assertThat(queue.stats().maxBatchSize()).isEqualTo(10);
        assertThatThrownBy(() -> TestStore.await(queue.submit(insert("late")))).isInstanceOf(StoreException.Closed.class);
        Path wal = dir.resolve("queue.db-wal");
        assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("WAL checkpointed and truncated").isTrue();
        assertThat(rows()).hasSize(50);
    }

    /** Occupies the writer thread until {@code release}, so the next submissions queue up behind it. */
    @Test
    void commit_timings_show_where_a_write_waited_and_ran() throws Exception {
        queue = new WriteQueue(database.openWriter(), 1_000, 1_000);
        CommitTimings timings = queue.timings();
        assertThat(timings.micros(CommitTimings.Stage.COMMIT, 0.5)).as("no commit yet").isZero();
        holdWriter();
        long heldFrom = System.nanoTime();
        CompletableFuture<Integer> waiting = queue.submit(insert("waited"));
        Thread.sleep(30); // the writer is held: this is the wait being measured, not a wait for a condition
        release.countDown();
        TestStore.await(waiting);
        long waitedAtMost = (System.nanoTime() - heldFrom) / 1000;
        TestStore.await(queue.submit(sql -> {
            long until = System.nanoTime() + 20_000_000; // a slow task: its 20 ms must show as RUN
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(1_000_000);
            }
            return sql.update("INSERT INTO t(x) VALUES ('slow')");
        }));
        // Publishing is recorded on the completion thread after the futures complete: wait for it.
        for (int i = 0; i < 500 && timings.micros(CommitTimings.Stage.PUBLISH, 1.0) == 0; i++) {
            Thread.sleep(1);
        }

        assertThat(timings.micros(CommitTimings.Stage.WAIT, 1.0)).isBetween(29_000L, waitedAtMost);
        assertThat(timings.micros(CommitTimings.Stage.RUN, 1.0)).isGreaterThanOrEqualTo(20_000L);
        assertThat(timings.micros(CommitTimings.Stage.COMMIT, 0.5)).isPositive();
        assertThat(timings.micros(CommitTimings.Stage.PUBLISH, 1.0)).isPositive();
    }

    private void holdWriter() throws InterruptedException {
        queue.submit(sql -> {
            writerBusy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        writerBusy.await();
    }

    private static SqlTask<Integer> insert(String value) {
        return sql -> sql.update("INSERT INTO t(x) VALUES (?)", value);
    }

    private List<String> rows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection reader = database.openReader(); Statement statement = reader.createStatement();
             ResultSet result = statement.executeQuery("SELECT x FROM t ORDER BY rowid")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
