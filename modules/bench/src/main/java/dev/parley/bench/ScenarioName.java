package dev.parley.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The scenarios {@code parley bench} runs, by their command-line name, with the defaults that make
 * each one meaningful (a latency run is a fan-out run at light load, a storm needs a paced sender).
 */
enum ScenarioName {
    FANOUT("fanout", 10, 2, 5_000, 0, 8),
    LATENCY("latency", 3, 1, 2_000, 200, 8),
    REST("rest", 10, 2, 2_000, 0, 8),
    IDLE("idle", 0, 0, 0, 0, 200),
    LARGE_CHANNEL("large-channel", 1, 1, 1_000, 0, 8),
    RECONNECT_STORM("reconnect-storm", 10, 1, 3_000, 500, 8);

    final String wire;
    final int defaultReceivers;
    final int defaultSenders;
    final long defaultMessages;
    final double defaultRate;
    final int defaultConcurrency;

    ScenarioName(String wire, int receivers, int senders, long messages, double rate, int concurrency) {
        this.wire = wire;
        this.defaultReceivers = receivers;
        this.defaultSenders = senders;
        this.defaultMessages = messages;
        this.defaultRate = rate;
        this.defaultConcurrency = concurrency;
    }

    /** The scenario called {@code name} on the command line. */
    static ScenarioName parse(String name) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name + "'; one of " + names()));
    }

    static String names() {
        return Arrays.stream(values()).map(s -> s.wire).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wire;
    }
}
