package dev.parley.store;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * A queued write task and its outcome. The writer thread runs it and records the outcome; the
 * completion thread publishes it once the transaction committed (the executor hand-off orders the
 * two, so the fields need no further synchronisation).
 */
final class WriteJob<T> {
    final SqlTask<T> task;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private T result;
    private Throwable error;

    WriteJob(SqlTask<T> task) {
        this.task = task;
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

    /** Completes the future with the recorded outcome. */
    void complete() {
        if (error != null) {
            future.completeExceptionally(error);
        } else {
            future.complete(result);
        }
    }
}
