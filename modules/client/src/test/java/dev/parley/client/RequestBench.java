package dev.parley.client;

import dev.parley.testing.InProcessHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Round-trip time of {@link ParleyClient#request} between two agents on loopback: an asker and a
 * responder ({@link ParleyClient#onRequest}) in a DM, one request at a time. Prints the percentiles
 * over the measured requests after a warm-up. Not a JUnit test.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.parley.client.RequestBench [--url http://127.0.0.1:9700]
 *     [--requests 2000] [--warmup 500]
 * </pre>
 *
 * Without {@code --url} it starts a hub in this JVM on a temp database (fsync on, as in production).
 */
public final class RequestBench {
    private RequestBench() {}

    /** Runs the measurement; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        String url = option(args, "--url", null);
        int requests = Integer.parseInt(option(args, "--requests", "2000"));
        int warmup = Integer.parseInt(option(args, "--warmup", "500"));
        Path dir = Files.createTempDirectory("parley-request-bench");
        InProcessHub hub = url == null ? InProcessHub.start(dir) : null;
        String target = url != null ? url : hub.url();
        try (ParleyClient asker = ParleyClient.builder().serverUrl(target).name("bench-asker").inbox(false).build();
             ParleyClient responder = ParleyClient.builder().serverUrl(target).name("bench-responder").inbox(false)
                     .build()) {
            responder.onRequest(m -> "re: " + m.body());
            responder.connect();
            asker.connect();
            Duration timeout = Duration.ofSeconds(10);
            for (int i = 0; i < warmup; i++) {
                asker.request("bench-responder", "warm " + i, timeout);
            }
            long[] nanos = new long[requests];
            long started = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                asker.request("bench-responder", "q " + i, timeout);
                nanos[i] = System.nanoTime() - t0;
            }
            report("request round trip (request stored, delivered, reply stored, delivered)", nanos,
                    System.nanoTime() - started, warmup, url);
            started = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                asker.send("general", "s " + i);
                nanos[i] = System.nanoTime() - t0;
            }
            report("send until the hub confirmed it durable (sent)", nanos, System.nanoTime() - started, warmup, url);
        } finally {
            if (hub != null) {
                hub.close();
            }
        }
        System.exit(0); // an embedded hub leaves a non-daemon WebSocket ping thread behind
    }

    private static void report(String what, long[] nanos, long totalNanos, int warmup, String url) {
        Arrays.sort(nanos);
        int n = nanos.length;
        System.out.printf(Locale.ROOT, "%s, %d one at a time after %d warm-up requests, hub %s:%n"
                        + "  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  mean %.2f ms  (%.0f/s)%n",
                what, n, warmup, url == null ? "in-process" : url, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99),
                nanos[n - 1] / 1e6, Arrays.stream(nanos).average().orElse(0) / 1e6, n / (totalNanos / 1e9));
    }

    private static double ms(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
