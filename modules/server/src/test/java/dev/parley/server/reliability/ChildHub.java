package dev.parley.server.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hub in its own JVM ({@code java -cp <the tests' class path> dev.parley.server.HubMain}), so a
 * test can {@code kill -9} it: no shutdown hook, no flush, no checkpoint — a real crash.
 *
 * <p>Its output (stdout and stderr) is collected line by line; {@link #start} returns once the hub
 * said where it serves and {@code /health} answers ok.
 */
final class ChildHub implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving .* on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean outputDone;
    private int port;

    private ChildHub(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collect, "child-hub-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a hub on a database (port 0: it picks one) and waits until it is healthy. */
    static ChildHub start(Path db, Duration timeout) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.parley.server.HubMain",
                "--db", db.toString(), "--host", "127.0.0.1", "--port", "0");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        ChildHub hub = new ChildHub(process);
        try {
            hub.awaitHealthy(timeout);
        } catch (AssertionError | RuntimeException e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    HubHttp http() {
        return new HubHttp("127.0.0.1", port);
    }

    /** SIGKILL, as {@code kill -9} (what {@code destroyForcibly} sends on Linux), and waits until it is gone. */
    void kill9() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("hub " + pid() + " survived SIGKILL");
        }
    }

    /** SIGTERM: the hub's shutdown hook closes it gracefully. Returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("hub did not stop on SIGTERM; output:\n" + output());
        }
        return process.exitValue();
    }

    synchronized String output() {
        return String.join("\n", lines);
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        port = awaitServing(deadline);
        HubHttp http = http();
        while (true) {
            try {
                if (http.get("/health").body().contains("\"status\":\"ok\"")) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // Not answering yet: poll again until the deadline.
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("hub not healthy within " + timeout + "; output:\n" + output());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private synchronized int awaitServing(long deadline) throws InterruptedException {
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                Matcher matcher = SERVING.matcher(lines.get(checked));
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
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException ignored) {
            // The process ended.
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
