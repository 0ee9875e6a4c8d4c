package dev.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.ChildProcess;
import dev.parley.testing.HubExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code parley} as a real child process ({@code java -cp <the tests' class path> dev.parley.cli.ParleyCli}, a
 * {@link ChildProcess} with stdout and stderr apart), with a clean environment: no inherited {@code PARLEY_*} or
 * {@code NO_COLOR}, a given {@code PARLEY_HOME} and hub URL. What stays here is the CLI's vocabulary: that
 * environment, and a run's {@link Result}.
 *
 * <pre>Result r = Cli.at(hub).run("send", "general", "hi"); assertThat(r.code()).isZero();</pre>
 */
public final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final Map<String, String> env = new HashMap<>();

    /** A CLI talking to {@code serverUrl} (null: none set) with its {@code PARLEY_HOME} at {@code home}. */
    public Cli(String serverUrl, Path home) {
        this.home = home;
        env.put("PARLEY_HOME", home.toString());
        if (serverUrl != null) {
            env.put("PARLEY_SERVER_URL", serverUrl);
        }
    }

    /** A CLI talking to the extension's hub, with its {@code PARLEY_HOME} at {@code home/} in the hub's temp folder. */
    public static Cli at(HubExtension hub) {
        return new Cli(hub.url(), hub.dir().resolve("home"));
    }

    /** This CLI with one more (or one replaced) environment variable; null removes it. */
    public Cli with(String name, String value) {
        Cli copy = new Cli(null, home);
        copy.env.clear();
        copy.env.putAll(env);
        if (value == null) {
            copy.env.remove(name);
        } else {
            copy.env.put(name, value);
        }
        return copy;
    }

    public Path home() {
        return home;
    }

    /** What one run printed and how it exited. */
    public record Result(int code, String out, String err) {
        /** Stdout as one JSON document. */
        public JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\nstdout:\n" + out + "\nstderr:\n" + err);
            }
        }

        /** Stdout as JSON lines. */
        public List<JsonNode> jsonLines() {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    try {
                        lines.add(JSON.readTree(line));
                    } catch (IOException e) {
                        throw new AssertionError("not a JSON line: " + line);
                    }
                }
            }
            return lines;
        }

        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** Runs {@code parley args...} with nothing on stdin. */
    public Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs {@code parley args...} with {@code input} on stdin; fails when it does not finish within a minute. */
    public Result runWithInput(String input, String... args) {
        try (ChildProcess parley = startInteractive(args)) {
            if (input != null) {
                parley.write(input);
            }
            parley.closeInput();
            int code = parley.awaitExit(TIMEOUT);
            return new Result(code, text(parley.lines()), text(parley.errorLines()));
        }
    }

    /** Starts {@code parley args...} and leaves it running (listen, serve); stdin is closed. */
    public ChildProcess start(String... args) {
        ChildProcess parley = startInteractive(args);
        parley.closeInput();
        return parley;
    }

    /** Starts {@code parley args...} with stdin open for the caller (mcp speaks JSON-RPC on it). */
    public ChildProcess startInteractive(String... args) {
        // What the launcher uses too: the CLI is short-lived, C1 and the serial GC start fastest.
        List<String> command = ChildProcess.javaCommand(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto"), ParleyCli.class.getName(), List.of(args));
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(name -> name.startsWith("PARLEY_") || name.equals("NO_COLOR"));
        environment.putAll(env);
        return ChildProcess.interactive(command, null, environment);
    }

    /** Lines as the command printed them, each ended by a newline. */
    private static String text(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }
}
