package dev.parley.store;

import java.sql.SQLException;
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
    private final Consumer<T> onCommitted;
    private T result;
    private Throwable error;

    WriteJob(SqlTask<T> task, Consumer<T> onCommitted) {
        this.task = task;
        this.onCommitted = onCommitted;
    }

    void run(Sql sql) throws SQLException {
        result = task.run(sql);
    }

    boolean failed() {
        return error != null;
    }

    /** Records a failure: the task's own, or its transaction's, which undoes a success. */
    void fail(Throwable cause) {
        result = null;
        error = cause;
    }

    /**
     * Runs the commit hook (for a success), then completes the future with the recorded outcome.
     * Both happen on the completion thread, in commit order.
     */
    void complete() {
        if (error != null) {
            future.completeExceptionally(error);
            return;
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
