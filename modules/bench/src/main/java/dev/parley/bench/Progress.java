package dev.parley.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Human progress on stderr (stdout carries only the JSON line). Silent with {@code --quiet}. */
final class Progress {
    private final PrintStream err;
    private final boolean quiet;

    Progress(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    void say(String format, Object... args) {
        if (!quiet) {
            err.println("bench: " + String.format(format, args));
        }
    }

    /** Stops a periodic progress line. */
    interface Ticker {
        void stop();
    }

    /** Prints {@code line} every {@code period} until stopped. */
    Ticker every(Duration period, Supplier<String> line) {
        if (quiet) {
            return () -> { };
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> say("%s", line.get()), period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        return ticker::shutdownNow;
    }
}
