package dev.parley.store;

import java.sql.Connection;
import java.sql.SQLException;
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

    private final Sql sql;
    private final int capacity;
    private final long maxBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final int maxBatch;
    private final BlockingQueue<WriteJob<?>> queue;
    private final ExecutorService completions;
    private final Thread writer;
    private final WriteCounters counters = new WriteCounters();
    private volatile boolean closing;
    private volatile boolean running = true;

    /**
     * Takes ownership of a connection from {@link Database#openWriter()} and starts the writer.
     *
     * @param capacity how many tasks may wait
     * @param maxBatch how many tasks one transaction may hold
     */
    public WriteQueue(Connection connection, int capacity, int maxBatch) throws SQLException {
        this(connection, capacity, DEFAULT_MAX_BYTES, maxBatch);
    }

    /**
     * As {@link #WriteQueue(Connection, int, int)}, with a budget in bytes as well.
     *
     * @param maxBytes how many bytes queued tasks may hold (as their submitters count them)
     */
    public WriteQueue(Connection connection, int capacity, long maxBytes, int maxBatch) throws SQLException {
        if (capacity < 1 || maxBatch < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("capacity, maxBytes and maxBatch must be positive");
        }
        connection.setAutoCommit(false);
        this.sql = new Sql(connection, true);
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
     * or exceptionally with what the task threw ({@link StoreException}s as they are, SQL errors as
     * {@link StoreException.Failure}); with {@link StoreException.Overloaded} when the queue is
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
                WriteJob<?> first = stopping ? queue.poll() : queue.take();
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

    private void runBatch(List<WriteJob<?>> batch) {
        boolean isolate = batch.size() > 1;
        try {
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
                    job.fail(e instanceof SQLException ? new StoreException.Failure("write failed", e) : e);
                    sql.dropDeferred(deferred);
                    if (isolate) {
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
                sql.connection().commit();
                counters.committed(batch);
            }
        } catch (SQLException | RuntimeException broken) {
            // The transaction is in an unknown state (disk full, I/O error): nothing of it counts.
            log.error("write transaction of {} tasks failed", batch.size(), broken);
            sql.dropDeferred(0);
            rollbackQuietly();
            for (WriteJob<?> job : batch) {
                job.fail(new StoreException.Failure("write transaction failed", broken));
            }
            counters.failedTransaction(batch.size());
        }
        List<WriteJob<?>> done = List.copyOf(batch);
        completions.execute(() -> done.forEach(WriteJob::complete));
    }

    private void rollbackQuietly() {
        try {
            sql.connection().rollback();
        } catch (SQLException e) {
            log.warn("rollback failed", e);
        }
    }

    private void shutDownConnection() {
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
