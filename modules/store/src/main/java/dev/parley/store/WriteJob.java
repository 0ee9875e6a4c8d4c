package dev.parley.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * A queued write task and its outcome. The writer thread runs it and records the outcome; the
 * completion thread publishes it once the transaction committed (the executor hand-off orders the
 * two, so the fields need no further synchronisation).
 */
final class WriteJob<T> {
    final SqlTask<T> task;
    final CompletableFuture<T> future = new CompletableFuture<>();
    /** When the task was queued ({@link System#nanoTime()}), for {@link CommitTimings}. */
    final long queuedAt = System.nanoTime();
    private final Consumer<T> onCommitted;
    /** The events the task emitted, published on commit ({@link StoreEvent}); null until it emits one. */
    private List<StoreEvent> events;
    private T result;
    private Throwable error;

    WriteJob(SqlTask<T> task, Consumer<T> onCommitted) {
        this.task = task;
        this.onCommitted = onCommitted;
    }

    void run(Sql sql) throws SQLException {
        List<StoreEvent> emitted = new ArrayList<>(2);
        sql.recordEventsInto(emitted);
        try {
            result = task.run(sql);
        } finally {
            sql.recordEventsInto(null);
        }
        events = emitted.isEmpty() ? null : emitted;
    }

    boolean failed() {
        return error != null;
    }

    /** Records a failure: the task's own, or its transaction's, which undoes a success. */
    void fail(Throwable cause) {
        result = null;
        events = null;
        error = cause;
    }

    /**
     * Publishes the task's events and runs the commit hook (for a success), then completes the future with the
     * recorded outcome. All happen on the completion thread, in commit order.
     */
    void complete(StoreEventListener publish) {
        if (error != null) {
            future.completeExceptionally(error);
            return;
        }
        if (events != null) {
            events.forEach(publish::on);
        }
        if (onCommitted != null) {
            try {
                onCommitted.accept(result);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(WriteJob.class).error("a commit hook failed", e);
            }
        }
        future.complete(result);
    }
}
