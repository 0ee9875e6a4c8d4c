package dev.parley.store;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one thread owns the only write connection and commits queued tasks in groups.
 *
 * <p>Owners: the {@code parley-writer} thread owns the connection and every {@link Sql} call made
 * through it; the {@code parley-store-completions} thread completes the futures, in commit order,
 * so stages chained on them (fan-out) see each channel's messages in {@code seq} order. A stage
 * chained on a store future must never block on another store future (it would wait for the very
 * thread that runs it); compose instead.
 *
 * <p>The writer takes whatever is queued (at most {@code maxBatch} tasks) and runs it as ONE
 * transaction, each task inside its own savepoint, so one failing task fails only its own future;
 * work the tasks {@linkplain Sql#defer deferred} (search index upkeep) runs after them, before the
 * commit. It does not linger waiting for more: while one group is being fsynced the next one queues up,
 * which gives large groups under load and no added latency at light load. A future completes only
 * after the transaction holding its task committed with {@code synchronous=FULL}: it is durable.
 *
 * <p>Faults (a full disk, a locked or failing file): a task that fails leaves nothing behind and its
 * future fails with {@link StoreException#of the classified error}. On {@code SQLITE_FULL} and I/O
 * errors SQLite may roll the whole transaction back by itself; then the batch fails as a whole and
 * {@link #recover} puts the connection back in the state sqlite-jdbc expects (see there). Failed
 * tasks are never retried. While writes fail, {@link #health()} says so and the writer probes with
 * backoff, so it clears once the cause is gone; it never stops serving.
 */
public final class WriteQueue implements AutoCloseable {
    /** Tasks that may wait before submissions are refused with {@link StoreException.Overloaded}. */
    public static final int DEFAULT_CAPACITY = 100_000;
    /** The most tasks one transaction holds. */
    public static final int DEFAULT_MAX_BATCH = 1_000;
    /**
     * How much queued tasks may hold, in bytes as {@link #submit(SqlTask, long, Consumer)} counts
     * them, before submissions are refused with {@link StoreException.Overloaded}: 64 MiB, a small
     * part of a 512 MB heap (see the hub's Limits for the whole budget), and still some 700 messages
     * of the largest size (32 Ki chars of body, 16 Ki of metadata) waiting.
     */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** What a task whose caller gives no size counts: a few ids and names, the closure around them. */
    public static final long SMALL_TASK_BYTES = 256;

    private static final Logger log = LoggerFactory.getLogger(WriteQueue.class);
    private static final WriteJob<Void> STOP = new WriteJob<>(sql -> null, null);
    /** First and longest wait, in ms, before the writer probes a store whose writes fail. */
    static final long PROBE_MIN_MS = 250;
    static final long PROBE_MAX_MS = 10_000;
    /** Free bytes the disk must have again before a "storage full" counts as over (about 20 large messages). */
    static final long FREE_SPACE_MARGIN = 1024 * 1024;

    private final Database reopen;
    private Sql sql; // null while the connection is lost and could not be reopened yet
    private long probeDelayMs = PROBE_MIN_MS;
    private WriteJob<?> probe; // the latest probe (writer thread only)
    private volatile StoreHealth health = StoreHealth.OK;
    private final int capacity;
    private final long maxBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final int maxBatch;
    private final BlockingQueue<WriteJob<?>> queue;
    private final ExecutorService completions;
    /** Hears each committed task's events, then the end of its commit (see {@link #publishTo}). */
    private volatile StoreEventListener events = new StoreEventListener() {
        @Override
        public void on(StoreEvent event) {}
    };
    private final Thread writer;
    private final WriteCounters counters = new WriteCounters();
    private final CommitTimings timings = new CommitTimings();
    private volatile boolean closing;
    private volatile boolean running = true;

    /**
     * Takes ownership of a connection from {@link Database#openWriter()} and starts the writer.
     *
     * @param capacity how many tasks may wait
     * @param maxBatch how many tasks one transaction may hold
     */
    public WriteQueue(Connection connection, int capacity, int maxBatch) throws SQLException {
        this(connection, null, capacity, DEFAULT_MAX_BYTES, maxBatch);
    }

    /** As {@link #WriteQueue(Connection, int, int)}, able to reopen its connection from {@code reopen} after a fault. */
    public WriteQueue(Connection connection, Database reopen, int capacity, int maxBatch) throws SQLException {
        this(connection, reopen, capacity, DEFAULT_MAX_BYTES, maxBatch);
    }

    /**
     * As {@link #WriteQueue(Connection, int, int)}, with a budget in bytes as well, and able to open a
     * fresh write connection from {@code reopen} (may be null) when the old one cannot be brought back
     * to a clean state after a fault.
     *
     * @param maxBytes how many bytes queued tasks may hold (as their submitters count them)
     */
    public WriteQueue(Connection connection, Database reopen, int capacity, long maxBytes, int maxBatch)
            throws SQLException {
        if (capacity < 1 || maxBatch < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("capacity, maxBytes and maxBatch must be positive");
        }
        connection.setAutoCommit(false);
        this.sql = new Sql(connection, true);
        this.reopen = reopen;
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.maxBatch = maxBatch;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.completions = Executors.newSingleThreadExecutor(daemon("parley-store-completions"));
        this.writer = daemon("parley-writer").newThread(this::run);
        writer.start();
    }

    /**
     * Queues a task. The future completes with the task's result once its transaction committed,
     * or exceptionally with what the task threw ({@link StoreException}s as they are, SQL errors
     * {@linkplain StoreException#of classified}); with {@link StoreException.Overloaded} when the queue is
     * full and {@link StoreException.Closed} after {@link #close()}. Never blocks.
     */
    public <T> CompletableFuture<T> submit(SqlTask<T> task) {
        return submit(task, null);
    }

    /**
     * As {@link #submit(SqlTask)}, and runs {@code onCommitted} with the task's result on the
     * completion thread right before the future completes. Hooks therefore run strictly in commit
     * order, whoever waits on the future and whenever: the way to publish committed changes in order.
     */
    public <T> CompletableFuture<T> submit(SqlTask<T> task, Consumer<T> onCommitted) {
        return submit(task, SMALL_TASK_BYTES, onCommitted);
    }

    /**
     * As {@link #submit(SqlTask, Consumer)}, for a task that holds {@code bytes} of data until it
     * committed (a message's body and metadata): refused with {@link StoreException.Overloaded},
     * nothing queued, when the queued tasks would then hold more than the byte budget. A task
     * larger than the whole budget is still taken into an empty queue, or it could never run.
     */
    public <T> CompletableFuture<T> submit(SqlTask<T> task, long bytes, Consumer<T> onCommitted) {
        Objects.requireNonNull(task, "task");
        if (closing) {
            return CompletableFuture.failedFuture(new StoreException.Closed());
        }
        long size = Math.max(1, bytes);
        if (!reserve(size)) {
            return CompletableFuture.failedFuture(new StoreException.Overloaded(
                    "store overloaded: the queued writes hold " + queuedBytes.get() + " bytes, the budget is "
                            + maxBytes + "; retry shortly"));
        }
        WriteJob<T> job = new WriteJob<>(task, onCommitted);
        if (!queue.offer(job)) {
            queuedBytes.addAndGet(-size);
            return CompletableFuture.failedFuture(new StoreException.Overloaded(capacity));
        }
        // Released once the task's outcome is published: until then the job (and its data) is held.
        job.future.whenComplete((result, failure) -> queuedBytes.addAndGet(-size));
        // Raced with close(): the writer has already drained for the last time.
        if (!running && queue.remove(job)) {
            job.future.completeExceptionally(new StoreException.Closed());
        }
        return job.future;
    }

    /** Whether writes currently work (for /health), and the storage faults seen so far. */
    public StoreHealth health() {
        return health;
    }

    private boolean reserve(long size) {
        while (true) {
            long held = queuedBytes.get();
            if (held > 0 && held + size > maxBytes) {
                return false;
            }
            if (queuedBytes.compareAndSet(held, held + size)) {
                return true;
            }
        }
    }

    /** Bytes the queued (and running, not yet published) tasks hold, as their submitters counted them. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Where the latest commits' time went, stage by stage (for /metrics). */
    public CommitTimings timings() {
        return timings;
    }

    /** Counters for /metrics. */
    public WriteStats stats() {
        return counters.snapshot(queue.size(), capacity);
    }

    /**
     * Refuses new tasks, runs every task already queued, checkpoints the WAL into the main file
     * ({@code wal_checkpoint(TRUNCATE)}), and closes the connection. Waits for all of it.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!closing) {
                closing = true;
                enqueueStop();
            }
        }
        joinUninterruptibly(writer);
        completions.shutdown();
        try {
            completions.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<WriteJob<?>> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        try {
            while (true) {
                WriteJob<?> first = stopping ? queue.poll() : nextOrProbe();
                if (first == null) {
                    break;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                stopping |= batch.removeIf(job -> job == STOP);
                if (!batch.isEmpty()) {
                    runBatch(batch);
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            log.warn("writer interrupted; failing queued writes");
        } finally {
            running = false;
            for (WriteJob<?> job = queue.poll(); job != null; job = queue.poll()) {
                job.future.completeExceptionally(new StoreException.Closed());
            }
            shutDownConnection();
        }
    }

    /**
     * The next queued task; while writes fail, a probe when nothing arrives within the backoff
     * delay (doubling up to {@link #PROBE_MAX_MS}), so health recovers without client writes.
     */
    private WriteJob<?> nextOrProbe() throws InterruptedException {
        if (!health.degraded()) {
            probeDelayMs = PROBE_MIN_MS;
            return queue.take();
        }
        WriteJob<?> job = queue.poll(probeDelayMs, TimeUnit.MILLISECONDS);
        if (job != null) {
            return job;
        }
        probeDelayMs = Math.min(PROBE_MAX_MS, probeDelayMs * 2);
        // Rewrites the database header's user_version with its own value: a real page write that
        // needs the write lock and room in the WAL, and changes nothing.
        probe = new WriteJob<Void>(sql -> {
            sql.execute("PRAGMA user_version = " + sql.number("PRAGMA user_version"));
            return null;
        }, null);
        return probe;
    }

    /**
     * Whether a committed batch proves that writes work again: it holds the probe, or it changed
     * rows. A commit that wrote nothing (an empty cursor move, a duplicate) proves nothing.
     */
    private boolean provesWrites(List<WriteJob<?>> batch, long changesBefore) throws SQLException {
        if (health.fault() instanceof StoreException.StorageFull && !roomToWrite()) {
            return false;
        }
        return batch.contains(probe) && !probe.failed() || sql.number("SELECT total_changes()") > changesBefore;
    }

    /**
     * Whether the disk holding the database has room again. A small commit can succeed on a full
     * disk (the WAL reuses space it already holds: after a checkpoint, or what a failed transaction
     * wrote), so a commit alone does not end a "storage full": {@link #FREE_SPACE_MARGIN} must be free.
     */
    private boolean roomToWrite() {
        if (reopen == null) {
            return true;
        }
        try {
            return Files.getFileStore(reopen.file()).getUsableSpace() >= FREE_SPACE_MARGIN;
        } catch (IOException e) {
            return true; // cannot tell; the commit that just worked says yes
        }
    }

    private void runBatch(List<WriteJob<?>> batch) {
        long started = System.nanoTime();
        long committedAt = 0; // when the commit returned, 0 unless it did
        StoreException fault = null; // a storage failure met by this batch
        boolean recovered = false; // a commit proved, while degraded, that writes work again
        try {
            if (sql == null) {
                reopen(); // the connection was lost at an earlier fault
            }
            long changesBefore = health.degraded() ? sql.number("SELECT total_changes()") : 0;
            boolean isolate = batch.size() > 1;
            for (WriteJob<?> job : batch) {
                int deferred = sql.deferredCount();
                if (isolate) {
                    sql.update("SAVEPOINT task");
                }
                try {
                    job.run(sql);
                    if (isolate) {
                        sql.update("RELEASE task");
                    }
                } catch (SQLException | RuntimeException | Error e) {
                    Throwable failure = e instanceof SQLException error ? StoreException.of("write failed", error) : e;
                    job.fail(failure);
                    fault = StoreException.isStorageFault(failure) ? (StoreException) failure : fault;
                    sql.dropDeferred(deferred);
                    if (isolate) {
                        // Throws when SQLite rolled the whole transaction back (SQLITE_FULL, I/O errors
                        // can): no savepoint is left, and the batch fails as a whole below.
                        sql.update("ROLLBACK TO task");
                        sql.update("RELEASE task");
                    }
                }
            }
            if (!isolate && batch.get(0).failed()) {
                sql.connection().rollback();
                counters.failedTransaction(1);
            } else {
                // Deferred work (search index upkeep) is part of the transaction; if it fails, the
                // whole batch fails below, as when the commit itself fails.
                sql.runDeferred();
                long committing = System.nanoTime();
                sql.connection().commit();
                committedAt = System.nanoTime();
                timings.record(CommitTimings.Stage.WAIT, started - batch.get(0).queuedAt);
                timings.record(CommitTimings.Stage.RUN, committing - started);
                timings.record(CommitTimings.Stage.COMMIT, committedAt - committing);
                counters.committed(batch);
                recovered = health.degraded() && provesWrites(batch, changesBefore);
            }
        } catch (SQLException | RuntimeException broken) {
            // Nothing of the transaction counts. Report the storage fault that broke it, if one did
            // (the error that surfaced may be a consequence, e.g. "no such savepoint").
            StoreException failure = fault != null ? fault
                    : broken instanceof SQLException error ? StoreException.of("write transaction failed", error)
                    : new StoreException.Failure("write transaction failed", broken);
            fault = StoreException.isStorageFault(failure) ? failure : null;
            if (fault == null) {
                log.error("write transaction of {} tasks failed", batch.size(), broken);
            } else {
                log.warn("write transaction of {} tasks failed: {}", batch.size(), failure.getMessage());
            }
            recover();
            for (WriteJob<?> job : batch) {
                if (!job.failed()) { // a task that failed keeps its own reason
                    job.fail(failure);
                }
            }
            counters.failedTransaction(batch.size());
        }
        if (fault != null) {
            if (!health.degraded()) {
                log.warn("writes fail ({}); the writer keeps serving and retries by itself", fault.getMessage());
            }
            health = health.failed(fault, Instant.now());
        } else if (recovered) {
            log.info("writes work again after: {}", health.reason());
            health = health.recovered();
        }
        List<WriteJob<?>> done = List.copyOf(batch);
        StoreEventListener publish = events;
        long commitEnded = committedAt;
        completions.execute(() -> {
            long publishing = System.nanoTime();
            for (WriteJob<?> job : done) {
                job.complete(publish);
            }
            try {
                publish.commitEnded();
            } catch (RuntimeException e) {
                log.error("the hook after a commit's completions failed", e);
            }
            if (commitEnded != 0) {
                timings.record(CommitTimings.Stage.HANDOVER, publishing - commitEnded);
                timings.record(CommitTimings.Stage.PUBLISH, System.nanoTime() - publishing);
            }
        });
    }

    /**
     * Sets who hears the events of committed tasks ({@link Sql#emit}): each task's, on the completion thread right
     * before its future completes, then {@link StoreEventListener#commitEnded} once the commit's futures all
     * completed (and whatever ran on their completion).
     */
    void publishTo(StoreEventListener listener) {
        this.events = listener;
    }

    /**
     * Puts the connection back in the state sqlite-jdbc expects after a failed transaction: none of
     * its work left, and a fresh transaction open. sqlite-jdbc (autocommit off) issues its BEGIN
     * only right after a successful COMMIT or ROLLBACK; when SQLite has already rolled back by itself,
     * {@code rollback()} fails ("no transaction is active"), no BEGIN follows, and from then on every
     * statement would commit on its own (partial writes) while every commit fails. So: ROLLBACK,
     * whatever it answers, then BEGIN; if even that fails, a fresh connection.
     */
    private void recover() {
        if (sql == null) {
            return; // reopened at the next batch
        }
        sql.dropDeferred(0);
        try {
            try {
                sql.execute("ROLLBACK");
            } catch (SQLException alreadyRolledBack) {
                log.debug("rollback after a failed transaction: {}", alreadyRolledBack.getMessage());
            }
            sql.execute("BEGIN");
        } catch (SQLException e) {
            log.warn("could not restore the write connection; opening a new one", e);
            try {
                reopen();
            } catch (SQLException reopenFailed) {
                log.warn("could not open a new write connection yet: {}", reopenFailed.getMessage());
            }
        }
    }

    /** Replaces the write connection with a fresh one from the database (when the queue has one). */
    private void reopen() throws SQLException {
        if (reopen == null) {
            if (sql == null) {
                throw new SQLException("the write connection is lost and cannot be reopened");
            }
            return;
        }
        if (sql != null) {
            try {
                sql.close(); // rolls back whatever was left open
            } catch (SQLException e) {
                log.warn("closing the broken write connection failed", e);
            }
            sql = null;
        }
        Connection connection = reopen.openWriter();
        connection.setAutoCommit(false);
        sql = new Sql(connection, true);
    }

    private void shutDownConnection() {
        if (sql == null) {
            return;
        }
        try {
            sql.connection().setAutoCommit(true);
            sql.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            log.warn("WAL checkpoint at close failed", e);
        }
        try {
            sql.close();
        } catch (SQLException e) {
            log.warn("closing the write connection failed", e);
        }
    }

    /** Queues the stop marker behind everything queued, waiting for room while the writer drains. */
    private void enqueueStop() {
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                if (queue.offer(STOP, 10, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
