package dev.parley.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process for tests (a hub JVM, the bootstrap, …): started with chosen arguments and environment, its output
 * (stdout and stderr merged) collected line by line so tests await a line or the port instead of sleeping, stopped
 * with SIGTERM or {@code kill -9}:
 * {@code ChildProcess.start(List.of(ChildProcess.java(), "Bootstrap.java"), dir, env)}, or
 * {@code ChildProcess.hub("--db", db, "--port", "0")} for a hub in its own JVM. A command whose streams mean different
 * things (JSON on stdout and a log on stderr, requests on stdin) starts with {@link #interactive}: stderr is then read
 * apart and stdin stays open.
 *
 * <p>Threads: one daemon thread per output stream collects its lines; everything else runs on the test's thread and
 * reads the lines under this object's lock.
 */
public final class ChildProcess implements AutoCloseable {
    /** The line a hub prints once it listens: {@code serving ... on http://host:port}. */
    public static final Pattern SERVING = Pattern.compile("serving .* on http://[^ ]*:(\\d+)");

    private final Process process;
    /** Stdout, or stdout and stderr merged. */
    private final Lines out = new Lines();
    /** Stderr when it is read apart ({@link #interactive}); stays empty otherwise. */
    private final Lines err = new Lines();
    private final long startedAt = System.nanoTime();

    private ChildProcess(Process process, boolean stderrApart) {
        this.process = process;
        err.done = !stderrApart;
        read(process.getInputStream(), out, "child-output-");
        if (stderrApart) {
            read(process.getErrorStream(), err, "child-stderr-");
        }
    }

    /** The java launcher of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java -Xmx256m -cp <the tests' class path> mainClass args}: a class of the tests in its own JVM. */
    public static ChildProcess javaMain(String mainClass, String... args) {
        return start(javaCommand(List.of("-Xmx256m"), mainClass, List.of(args)), null, null);
    }

    /** The command line {@code java jvmOptions -cp <the tests' class path> mainClass args}, for {@link #start}. */
    public static List<String> javaCommand(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return command;
    }

    /** {@code dev.parley.server.HubMain args} in its own JVM: a hub a test can {@code kill -9}. */
    public static ChildProcess hub(String... args) {
        return javaMain("dev.parley.server.HubMain", args);
    }

    /**
     * {@link #hub} on {@code --host 127.0.0.1 --port port} (0: any free one) over {@code db}, returned once its
     * {@code /health} answers ok; killed, and the test failed with its output, when it does not within the timeout.
     */
    public static ChildProcess healthyHub(Path db, int port, Duration timeout) {
        // The loop guard off, as for InProcessHub.start(dir): the suite's clients are load, not agents.
        ChildProcess hub = hub("--db", db.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--loop-guard", "0");
        try {
            hub.awaitHealthy(timeout);
        } catch (AssertionError | RuntimeException e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    /**
     * Starts a command.
     *
     * @param dir its working directory, or null for the tests'
     * @param env its whole environment, or null to inherit the tests'
     */
    public static ChildProcess start(List<String> command, Path dir, Map<String, String> env) {
        return launch(command, dir, env, false);
    }

    /**
     * Starts a command with its stderr read apart ({@link #awaitErrorLine}, {@link #errorLines}) from its stdout
     * ({@link #awaitLine}, {@link #lines()}) and its stdin open for {@link #write} until {@link #closeInput}.
     *
     * @param dir its working directory, or null for the tests'
     * @param env its whole environment, or null to inherit the tests'
     */
    public static ChildProcess interactive(List<String> command, Path dir, Map<String, String> env) {
        return launch(command, dir, env, true);
    }

    private static ChildProcess launch(List<String> command, Path dir, Map<String, String> env, boolean interactive) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(!interactive);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        if (env != null) {
            builder.environment().clear();
            builder.environment().putAll(env);
        }
        try {
            Process process = builder.start();
            if (!interactive) {
                process.getOutputStream().close();
            }
            return new ChildProcess(process, interactive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** {@code key1, value1, key2, value2, ...} as a mutable map. */
    public static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    /**
     * Waits for a line (of the output since the start) matching the pattern; fails with the output so far when the
     * child ends or time runs out.
     */
    public Matcher awaitLine(Pattern pattern, Duration timeout) {
        return matcher(pattern, await(out, line -> pattern.matcher(line).find(), pattern.toString(), timeout));
    }

    /** The first line (of the output since the start) that matches; waits and fails as the pattern form does. */
    public String awaitLine(Predicate<String> match, Duration timeout) {
        return await(out, match, "the predicate", timeout);
    }

    /** {@link #awaitLine(Pattern, Duration)} on stderr read apart ({@link #interactive}). */
    public Matcher awaitErrorLine(Pattern pattern, Duration timeout) {
        return matcher(pattern, await(err, line -> pattern.matcher(line).find(), pattern.toString(), timeout));
    }

    /** {@link #awaitLine(Predicate, Duration)} on stderr read apart ({@link #interactive}). */
    public String awaitErrorLine(Predicate<String> match, Duration timeout) {
        return await(err, match, "the predicate", timeout);
    }

    /** Writes text to the child's stdin ({@link #interactive}) and flushes it. */
    public void write(String text) {
        try {
            process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to pid " + pid(), e);
        }
    }

    /** Closes the child's stdin: it reads end of input. */
    public void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the input of pid " + pid(), e);
        }
    }

    /** Waits until the child says where it serves ({@link #SERVING}); returns the port. */
    public int awaitPort(Duration timeout) {
        return Integer.parseInt(awaitLine(SERVING, timeout).group(1));
    }

    /** The port of the {@link #SERVING} line the child printed; fails when it printed none yet. */
    public int port() {
        return awaitPort(Duration.ZERO);
    }

    /** Waits until the child (a hub on 127.0.0.1) says where it serves and {@code /health} answers ok. */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RestProbe health = RestProbe.at(awaitPort(timeout));
        while (true) {
            try {
                if (health.get("/health").body().contains("\"status\":\"ok\"")) {
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

    /** Waits for the child to exit and for its last line of output; returns the exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("pid " + pid() + " did not exit within " + timeout + "; output:\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        synchronized (this) {
            while (!out.done || !err.done) {
                waitForOutput(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        return process.exitValue();
    }

    /** SIGTERM, as Ctrl-C or a service manager would send, then waits; returns the exit code. */
    public int stop() {
        process.destroy();
        return awaitExit(Duration.ofSeconds(60));
    }

    /** SIGKILL ({@code kill -9}: no shutdown hook, no flush — a real crash), then waits until it is gone. */
    public void kill9() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The child's own process handle, for its descendants (a hub the bootstrap launched). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Milliseconds since the child started. */
    public long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
    }

    /** Everything the child printed so far (on stdout only when {@link #interactive}). */
    public synchronized String output() {
        return String.join("\n", out.lines);
    }

    /** The lines the child printed so far (on stdout only when {@link #interactive}). */
    public synchronized List<String> lines() {
        return List.copyOf(out.lines);
    }

    /** The lines the child printed on stderr so far ({@link #interactive}; empty otherwise). */
    public synchronized List<String> errorLines() {
        return List.copyOf(err.lines);
    }

    /** Kills the child and every process it started, if still running. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            kill9();
        }
    }

    private void waitForOutput(long nanos) {
        try {
            wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(nanos), 200)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private synchronized String await(Lines stream, Predicate<String> match, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < stream.lines.size(); checked++) {
                if (match.test(stream.lines.get(checked))) {
                    return stream.lines.get(checked);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || stream.done) {
                throw new AssertionError("no line matching " + what + " within " + timeout + " in:\n"
                        + String.join("\n", stream.lines) + (stream == err ? "" : errorOutputNote()));
            }
            waitForOutput(left);
        }
    }

    private String errorOutputNote() {
        return err.lines.isEmpty() ? "" : "\nstderr:\n" + String.join("\n", err.lines);
    }

    private static Matcher matcher(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        matcher.find();
        return matcher;
    }

    private void read(InputStream stream, Lines into, String threadName) {
        Thread reader = new Thread(() -> collect(stream, into), threadName + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    private void collect(InputStream stream, Lines into) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    into.lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException ended) {
            // The process ended.
        } finally {
            synchronized (this) {
                into.done = true;
                notifyAll();
            }
        }
    }

    /** One output stream's lines so far, and whether it ended; guarded by the ChildProcess's lock. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private boolean done;
    }
}
