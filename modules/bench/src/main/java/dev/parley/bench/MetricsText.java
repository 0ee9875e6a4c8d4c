package dev.parley.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the samples of a hub's {@code /metrics} (Prometheus exposition text) for the report. */
final class MetricsText {
    private MetricsText() {}

    /**
     * The first {@code limit} samples, {@code name{labels}} to value, in order; comments and
     * malformed lines are skipped.
     */
    static Map<String, Double> samples(String text, int limit) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (samples.size() >= limit) {
                break;
            }
            String sample = line.strip();
            if (sample.isEmpty() || sample.startsWith("#")) {
                continue;
            }
            int labels = sample.indexOf('}');
            int nameEnd = labels >= 0 ? labels + 1 : sample.indexOf(' ');
            if (nameEnd <= 0) {
                continue;
            }
            String[] values = sample.substring(nameEnd).strip().split("\\s+");
            try {
                samples.put(sample.substring(0, nameEnd), Double.parseDouble(values[0]));
            } catch (NumberFormatException e) {
                // Not a number (a malformed line): not needed for the report.
            }
        }
        return samples;
    }
}
