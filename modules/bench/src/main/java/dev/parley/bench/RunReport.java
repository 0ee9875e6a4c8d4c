package dev.parley.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON line a run prints. Common fields come first in a fixed order (null where a scenario
 * has no such figure), then the scenario's own, then {@code duration_s} and {@code ok}.
 */
final class RunReport {
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private long lost;
    private long duplicates;
    private long rejected;
    private long failed;

    RunReport(BenchSettings settings) {
        fields.put("scenario", settings.scenario().wire);
        fields.put("hub", null);
        fields.put("url", settings.hub().http().toString());
        fields.put("run_id", null);
        fields.put("parameters", settings.parameters());
        fields.put("deliveries_per_s", null);
        fields.put("sends_per_s", null);
        fields.put("p50_ms", null);
        fields.put("p99_ms", null);
        fields.put("max_ms", null);
        fields.put("lost", 0L);
        fields.put("duplicates", 0L);
        fields.put("rejected", 0L);
    }

    /** Throughput; either may be null when the scenario has no such figure. */
    RunReport rates(Double deliveriesPerSecond, Double sendsPerSecond) {
        fields.put("deliveries_per_s", round(deliveriesPerSecond, 1));
        fields.put("sends_per_s", round(sendsPerSecond, 1));
        return this;
    }

    RunReport latency(Latencies.Summary summary) {
        fields.put("p50_ms", round(summary.p50Ms(), 3));
        fields.put("p99_ms", round(summary.p99Ms(), 3));
        fields.put("max_ms", round(summary.maxMs(), 3));
        return this;
    }

    RunReport losses(long lost, long duplicates, long rejected) {
        this.lost = lost;
        this.duplicates = duplicates;
        this.rejected = rejected;
        fields.put("lost", lost);
        fields.put("duplicates", duplicates);
        fields.put("rejected", rejected);
        return this;
    }

    /** Counts of things that failed outright (connections that never came up or stopped answering). */
    RunReport failed(long failed) {
        this.failed = failed;
        fields.put("failed", failed);
        return this;
    }

    RunReport put(String key, Object value) {
        fields.put(key, value instanceof Double d ? round(d, 3) : value);
        return this;
    }

    /** True when nothing was lost, duplicated, refused or failed. */
    boolean clean() {
        return lost == 0 && duplicates == 0 && rejected == 0 && failed == 0;
    }

    long lost() {
        return lost;
    }

    Object get(String key) {
        return fields.get(key);
    }

    /** The JSON line, closing with the run's duration and whether it was clean. */
    String toJsonLine(double durationSeconds) {
        Map<String, Object> line = new LinkedHashMap<>(fields);
        line.put("duration_s", round(durationSeconds, 3));
        line.put("ok", clean());
        return Frames.write(line);
    }

    /** Throughput of {@code count} events over a span of nanoseconds; null when the span is empty. */
    static Double perSecond(long count, long spanNanos) {
        return spanNanos > 0 && count > 0 ? count * 1e9 / spanNanos : null;
    }

    static Double round(Double value, int digits) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
