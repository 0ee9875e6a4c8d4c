package dev.parley.distribution;

import dev.parley.testing.ChildProcess;
import dev.parley.testing.RestProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;

/**
 * {@code java Bootstrap.java ...} as a real child process, the way a user runs it: optionally in a
 * fresh network namespace with only loopback up ({@code unshare -n}), so it provably has no network.
 * The process itself is a {@link ChildProcess}: tests await its lines rather than sleep.
 */
final class BootstrapProcess implements AutoCloseable {
    private final ChildProcess child;
    private final boolean offline;

    private BootstrapProcess(ChildProcess child, boolean offline) {
        this.child = child;
        this.offline = offline;
    }

    /**
     * Starts {@code java Bootstrap.java args} in a folder.
     *
     * @param env     variables added to a minimal environment (PATH, and HOME pointing at {@code home})
     * @param offline run in a new network namespace with only loopback
     */
    static BootstrapProcess start(Path dir, Path home, Map<String, String> env, boolean offline, String... args) {
        List<String> command = new ArrayList<>();
        if (offline) {
            command.addAll(List.of("unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""));
        }
        command.add(ChildProcess.java());
        // The documented one-liner is `java Bootstrap.java`; these flags only make its JVM compile faster (the
        // source launcher's javac, then the hub's) — about twice as fast for a short javac run, as issue 10
        // notes — and change nothing the bootstrap does. The suites run ~20 of these.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.add("Bootstrap.java");
        command.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(Map.of("PATH", System.getenv("PATH"), "HOME", home.toString()));
        environment.putAll(env);
        return new BootstrapProcess(ChildProcess.start(command, dir, environment), offline);
    }

    /**
     * Runs the folder's bootstrap to completion (verify, list, install without serving, upgrade) and returns its
     * exit code. Unlike {@link #start}, which is the documented {@code java Bootstrap.java} one-liner, this runs
     * the same file compiled once per test JVM ({@code java -cp DIR Bootstrap}): the source launcher would
     * recompile its 2,000 lines for each of the suites' many short runs, and how the class was compiled changes
     * nothing it does.
     */
    static Finished run(Path dir, Path home, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", compiled(dir.resolve("Bootstrap.java")).toString(), "Bootstrap"));
        command.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(Map.of("PATH", System.getenv("PATH"), "HOME", home.toString()));
        environment.putAll(env);
        try (BootstrapProcess bootstrap = new BootstrapProcess(ChildProcess.start(command, dir, environment), false)) {
            int code = bootstrap.awaitExit(Duration.ofMinutes(3));
            return new Finished(code, bootstrap.output());
        }
    }

    /** Class folders of the bootstraps compiled so far, by the sha256 of their source. */
    private static final Map<String, Path> COMPILED = new HashMap<>();

    /** The class folder of this Bootstrap.java, compiled on first use (javac in this JVM, which is warm). */
    private static synchronized Path compiled(Path source) {
        try {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(source)));
            Path classes = COMPILED.get(sha256);
            if (classes == null) {
                classes = Files.createTempDirectory("parley-bootstrap-classes-");
                int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-nowarn",
                        "-d", classes.toString(), source.toString());
                if (rc != 0) {
                    throw new IllegalStateException("javac failed on " + source + " (exit " + rc + ")");
                }
                COMPILED.put(sha256, classes);
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A finished run. */
    record Finished(int exitCode, String output) {}

    /** Waits until the hub says where it serves; returns the port. */
    int awaitServing(Duration timeout) {
        return child.awaitPort(timeout);
    }

    /** Waits for a line matching the pattern; fails with the output so far when the process ends or time runs out. */
    Matcher awaitLine(Pattern pattern, Duration timeout) {
        return child.awaitLine(pattern, timeout);
    }

    /** GET http://127.0.0.1:port/path, from inside the namespace when offline. */
    String get(int port, String path) throws IOException, InterruptedException {
        if (offline) {
            return inNamespace("curl", "-sS", "--max-time", "10", "http://127.0.0.1:" + port + path);
        }
        return RestProbe.at(port).get(path).body();
    }

    /** Runs a command in the process's network namespace and returns its output. */
    String inNamespace(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("nsenter", "--net=/proc/" + child.pid() + "/ns/net"));
        full.addAll(List.of(command));
        Process run = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        run.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** The process that serves: the bootstrap's own JVM (the hub runs in it), or a JVM it launched (--jbang). */
    Optional<ProcessHandle> hub() {
        return Optional.of(child.handle().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("dev.parley.")).findFirst()
                .orElse(child.handle()));
    }

    /** Every process the bootstrap started that is still alive. */
    java.util.List<ProcessHandle> descendants() {
        return child.handle().descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** The bootstrap's own process. */
    ProcessHandle process() {
        return child.handle();
    }

    /** Milliseconds since the process started. */
    long elapsedMillis() {
        return child.elapsedMillis();
    }

    int awaitExit(Duration timeout) {
        return child.awaitExit(timeout);
    }

    /** Stops the bootstrap as Ctrl-C or a service manager would (SIGTERM) and waits. */
    int stop() {
        return child.stop();
    }

    String output() {
        return child.output();
    }

    @Override
    public void close() {
        child.close();
    }
}
