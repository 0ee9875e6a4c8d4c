package dev.parley.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ratios of two runs of one scenario measured in the same {@code parley bench --compare} run: first ÷ second
 * for each figure both have (throughput: above 1 means the first hub is faster; latency: below 1 means it is).
 */
final class Comparison {
    private static final String[] FIGURES = {"deliveries_per_s", "sends_per_s", "p50_ms", "p99_ms", "max_ms"};

    private Comparison() {}

    /** {@code {"compare": {"first", "second", "deliveries_per_s": ratio, ...}}}. */
    static Map<String, Object> of(RunReport first, RunReport second) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("scenario", first.get("scenario"));
        ratios.put("first", first.get("url"));
        ratios.put("second", second.get("url"));
        for (String figure : FIGURES) {
            ratios.put(figure, ratio(first.get(figure), second.get(figure)));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("compare", ratios);
        return line;
    }

    /** first ÷ second to 3 decimals, or null when either is missing or the second is 0. */
    static Double ratio(Object first, Object second) {
        if (!(first instanceof Number a) || !(second instanceof Number b) || b.doubleValue() == 0) {
            return null;
        }
        return Math.round(a.doubleValue() / b.doubleValue() * 1000) / 1000.0;
    }
}
