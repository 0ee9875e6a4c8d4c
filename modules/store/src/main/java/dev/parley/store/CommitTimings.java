package dev.parley.store;

import java.util.Arrays;

/**
 * Where a write's time goes, over the last {@link #WINDOW} commits: waiting in the queue, running the
 * tasks, the commit itself (SQLite's WAL write and its fsync), the hand-over to the completion thread, and
 * publishing (events, fan-out into the sessions' queues and the sockets' writes, futures). Served in
 * {@code /metrics} as p50/p99 in microseconds, so "what limits the latency" can be read off a running hub.
 *
 * <p>Owners: the writer thread records {@link Stage#WAIT}, {@link Stage#RUN}, {@link Stage#COMMIT}; the
 * completion thread {@link Stage#HANDOVER} and {@link Stage#PUBLISH}. Each stage's ring has one writer; a
 * scrape copies it without a lock and may see a sample being replaced — harmless for a percentile over 1,024.
 */
public final class CommitTimings {
    /** How many of the latest samples each stage keeps. */
    public static final int WINDOW = 1024;

    /** The stages of a write, in order. */
    public enum Stage {
        /** From submit until the writer takes the task (one sample per commit: its oldest task's wait). */
        WAIT,
        /** Running the batch's tasks and their deferred work (search index), before the commit. */
        RUN,
        /**
         * The COMMIT: SQLite writes the WAL frames and fsyncs them ({@code synchronous=FULL}); the commit that takes
         * the WAL past 1,000 pages also runs SQLite's automatic checkpoint (copy into the main file, fsync it).
         */
        COMMIT,
        /** From the end of the commit until the completion thread starts publishing it. */
        HANDOVER,
        /** Publishing a commit: events to listeners (fan-out writes to the sockets), then the futures. */
        PUBLISH
    }

    private final long[][] rings = new long[Stage.values().length][WINDOW];
    private final int[] next = new int[Stage.values().length];
    private final int[] filled = new int[Stage.values().length];

    void record(Stage stage, long nanos) {
        int s = stage.ordinal();
        int i = next[s];
        rings[s][i] = nanos;
        next[s] = (i + 1) % WINDOW;
        if (filled[s] < WINDOW) {
            filled[s]++;
        }
    }

    /** The {@code quantile} (0..1) of a stage over the window, in microseconds; 0 before any sample. */
    public long micros(Stage stage, double quantile) {
        int s = stage.ordinal();
        int n = filled[s];
        if (n == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(rings[s], n);
        Arrays.sort(copy);
        int index = (int) Math.min(n - 1, Math.floor(quantile * n));
        return copy[index] / 1000;
    }
}
