package dev.parley.bench;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** A run could not be carried out (hub unreachable, auth refused, a REST call failed); exit status 3. */
final class BenchFailure extends RuntimeException {
    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Unwraps future wrappers and says what was being done. */
    static BenchFailure wrap(String doing, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof BenchFailure bench) {
            return bench;
        }
        String why = cause instanceof TimeoutException ? "timed out"
                : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new BenchFailure(doing + ": " + why, cause);
    }
}
