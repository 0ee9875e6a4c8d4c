package dev.parley.bench;

import picocli.CommandLine;

/**
 * Runs {@code parley bench} on its own.
 *
 * <pre>java -cp ... dev.parley.bench.BenchMain --scenario latency --url http://127.0.0.1:9700</pre>
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
