package dev.parley.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hub in its own JVM ({@code java -cp <test class path> dev.parley.server.HubMain}), so a test can
 * kill it with SIGKILL — no shutdown hook, no flush — and start another on the same port and database.
 * {@link #start} returns once the hub logged where it serves and {@code /health} answered.
 */
final class HubProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving .* on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean outputDone;

    private HubProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collect, "hub-process-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a hub on {@code db} and {@code port} (0: any free port). */
    static HubProcess start(Path db, int port) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.parley.server.HubMain",
                "--db", db.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port));
        HubProcess hub = new HubProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        try {
            hub.awaitHealthy(Duration.ofSeconds(60));
        } catch (AssertionError | IOException e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    int port() throws InterruptedException {
        return servingPort(System.nanoTime());
    }

    String url() throws InterruptedException {
        return "http://127.0.0.1:" + port();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill9() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("hub " + process.pid() + " survived SIGKILL");
        }
    }

    /** GET a path; the body. */
    String get(String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    synchronized String output() {
        return String.join("\n", lines);
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        servingPort(deadline);
        String health = get("/health");
        if (!health.contains("\"status\":\"ok\"")) {
            throw new AssertionError("hub not healthy: " + health + "\n" + output());
        }
    }

    /** The port from the hub's "serving ... on" line, waiting for it until the deadline. */
    private synchronized int servingPort(long deadline) throws InterruptedException {
        while (true) {
            for (String line : lines) {
                Matcher matcher = SERVING.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || outputDone) {
                throw new AssertionError("the hub never said where it serves; output:\n" + String.join("\n", lines));
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    private void collect() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException ended) {
            // the process ended
        } finally {
            synchronized (this) {
                outputDone = true;
                notifyAll();
            }
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
