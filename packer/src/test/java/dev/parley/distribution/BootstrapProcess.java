package dev.parley.distribution;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java Bootstrap.java ...} as a real child process, the way a user runs it: optionally in a
 * fresh network namespace with only loopback up ({@code unshare -n}), so it provably has no network.
 *
 * <p>Output (stdout and stderr merged) is collected line by line; tests await lines rather than sleep.
 */
final class BootstrapProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving .* on http://[^:]+:(\\d+)");

    private final Process process;
    private final boolean offline;
    private final List<String> lines = new ArrayList<>();
    private final long startedAt = System.nanoTime();

    private BootstrapProcess(Process process, boolean offline) {
        this.process = process;
        this.offline = offline;
        Thread reader = new Thread(this::collect, "bootstrap-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The java launcher of the JVM running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code java Bootstrap.java args} in a folder.
     *
     * @param env     variables added to a minimal environment (PATH, and HOME pointing at {@code home})
     * @param offline run in a new network namespace with only loopback
     */
    static BootstrapProcess start(Path dir, Path home, Map<String, String> env, boolean offline, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (offline) {
            command.addAll(List.of("unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""));
        }
        command.add(java());
        command.add("Bootstrap.java");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", System.getenv("PATH"));
        environment.put("HOME", home.toString());
        environment.putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        return new BootstrapProcess(process, offline);
    }

    /** Runs the bootstrap to completion and returns its exit code. */
    static Finished run(Path dir, Path home, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        try (BootstrapProcess bootstrap = start(dir, home, env, false, args)) {
            int code = bootstrap.awaitExit(Duration.ofMinutes(3));
            return new Finished(code, bootstrap.output());
        }
    }

    /** A finished run. */
    record Finished(int exitCode, String output) {}

    /** Waits until the hub says where it serves; returns the port. */
    int awaitServing(Duration timeout) throws InterruptedException {
        Matcher matcher = awaitLine(SERVING, timeout);
        return Integer.parseInt(matcher.group(1));
    }

    /** Waits for a line matching the pattern; fails with the output so far when the process ends or time runs out. */
    synchronized Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                Matcher matcher = pattern.matcher(lines.get(checked));
                if (matcher.find()) {
                    return matcher;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || (!process.isAlive() && checked == lines.size() && outputDone)) {
                throw new AssertionError("no line matching " + pattern + " in:\n" + String.join("\n", lines));
            }
            wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
        }
    }

    /** GET http://127.0.0.1:port/path, from inside the namespace when offline. */
    String get(int port, String path) throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + port + path;
        if (offline) {
            return inNamespace("curl", "-sS", "--max-time", "10", url);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** Runs a command in the process's network namespace and returns its output. */
    String inNamespace(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("nsenter", "--net=/proc/" + process.pid() + "/ns/net"));
        full.addAll(List.of(command));
        Process run = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        run.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** The hub JVM the bootstrap launched (its child running the main class). */
    Optional<ProcessHandle> hub() {
        return process.descendants().filter(p -> p.info().commandLine().orElse("").contains("dev.parley."))
                .findFirst();
    }

    /** Milliseconds since the process started. */
    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("bootstrap did not exit; output:\n" + output());
        }
        synchronized (this) {
            while (!outputDone) {
                wait(100);
            }
        }
        return process.exitValue();
    }

    /** Stops the bootstrap as Ctrl-C or a service manager would (SIGTERM) and waits. */
    int stop() throws InterruptedException {
        process.destroy();
        return awaitExit(Duration.ofSeconds(60));
    }

    synchronized String output() {
        return String.join("\n", lines);
    }

    private boolean outputDone;

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
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }
}
