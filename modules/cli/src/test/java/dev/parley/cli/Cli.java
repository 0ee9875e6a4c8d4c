package dev.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code parley} as a real child process ({@code java -cp <the tests' class path> dev.parley.cli.ParleyCli}),
 * with a clean environment: no inherited {@code PARLEY_*} or {@code NO_COLOR}, a given {@code PARLEY_HOME} and hub
 * URL. Output goes to files, so a chatty command can never block on a full pipe.
 *
 * <pre>Result r = cli.run("send", "general", "hi"); assertThat(r.code()).isZero();</pre>
 */
public final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

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
    public Result run(String... args) throws IOException, InterruptedException {
        return runWithInput(null, args);
    }

    /** Runs {@code parley args...} with {@code input} on stdin. */
    public Result runWithInput(String input, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("parley-cli", ".out");
        Path err = Files.createTempFile("parley-cli", ".err");
        try {
            ProcessBuilder builder = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("parley " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + "s");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts {@code parley args...} and leaves it running (listen, serve); stdin is closed. */
    public Process start(String... args) throws IOException {
        Process process = builder(args).start();
        process.getOutputStream().close();
        return process;
    }

    /** Starts {@code parley args...} with stdin open for the caller (mcp speaks JSON-RPC on it). */
    public Process startInteractive(String... args) throws IOException {
        return builder(args).start();
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // What the launcher uses too: the CLI is short-lived, C1 and the serial GC start fastest.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), ParleyCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("PARLEY_") || name.equals("NO_COLOR"));
        environment.putAll(env);
        return builder;
    }
}
