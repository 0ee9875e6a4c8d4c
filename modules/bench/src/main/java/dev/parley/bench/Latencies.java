package dev.parley.bench;

import java.util.Arrays;

/**
 * Latency samples in microseconds, kept whole and sorted once at the end: runs record at most a few
 * million samples, so a growing {@code long[]} is cheaper and more exact than a histogram.
 * Not thread-safe; its owner ({@link ReceiverTally}) guards it.
 */
final class Latencies {
    private long[] micros = new long[1024];
    private int size;

    /** Percentiles of a set of samples, in milliseconds; all zero when there were none. */
    record Summary(int count, double p50Ms, double p99Ms, double maxMs) {
        static final Summary EMPTY = new Summary(0, 0, 0, 0);
    }

    void record(long sampleMicros) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = sampleMicros;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            record(other.micros[i]);
        }
    }

    int count() {
        return size;
    }

    Summary summary() {
        if (size == 0) {
            return Summary.EMPTY;
        }
        long[] sorted = Arrays.copyOf(micros, size);
        Arrays.sort(sorted);
        return new Summary(size, percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0,
                sorted[size - 1] / 1000.0);
    }

    /** Nearest-rank percentile of sorted, non-empty samples: the smallest value with p% of samples at or below it. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }
}
