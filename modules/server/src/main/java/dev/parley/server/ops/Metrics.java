package dev.parley.server.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counters and gauges, written out in the Prometheus text format at {@code /metrics}.
 *
 * <p>Counters are {@link LongAdder}s, cheap on hot paths from many threads; gauges are read when
 * scraped.
 */
public final class Metrics {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, String> help = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    /** A counter, created on first use. */
    public LongAdder counter(String name, String description) {
        help.putIfAbsent(name, description);
        return counters.computeIfAbsent(name, k -> new LongAdder());
    }

    /** A value read at scrape time. */
    public void gauge(String name, String description, LongSupplier value) {
        help.put(name, description);
        gauges.put(name, value);
    }

    /** The Prometheus exposition text. */
    public String render() {
        StringBuilder out = new StringBuilder();
        counters.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                write(out, e.getKey(), "counter", e.getValue().sum()));
        gauges.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                write(out, e.getKey(), "gauge", e.getValue().getAsLong()));
        return out.toString();
    }

    private void write(StringBuilder out, String name, String type, long value) {
        out.append("# HELP ").append(name).append(' ').append(help.getOrDefault(name, name)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ').append(value).append('\n');
    }
}
