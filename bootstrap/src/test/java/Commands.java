import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the bootstrap in this JVM, as {@code java Bootstrap.java ARGS} would in a folder: PARLEY_HOME is
 * {@code <folder>/home} and the user's home {@code <folder>/user} unless the variables say otherwise.
 */
final class Commands {
    private static final Path SHARED_WORKSPACE = createWorkspace();

    private Commands() {}

    private static Path createWorkspace() {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("parley-bootstrap-tests-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Result run(Path cwd, String... args) {
        return run(cwd, Map.of(), args);
    }

    static Result run(Path cwd, Map<String, String> variables, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("PARLEY_HOME", cwd.resolve("home").toString()));
        env.putAll(variables);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        env.putIfAbsent("user.home", cwd.resolve("user").toString());
        env.putIfAbsent("os.name", "Linux");
        env.putIfAbsent("PARLEY_INSTALLER_CACHE", SHARED_WORKSPACE.toString()); // the installer builds once per JVM
        int code = Bootstrap.run(args, env, cwd, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs the bootstrap in a child JVM ({@code java -cp <test class path> Bootstrap ARGS} in {@code cwd}) for runs
     * that start a hub: the hub runs in the bootstrap's JVM and ends it with its own exit code.
     */
    static Result launch(Path cwd, Map<String, String> variables, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "Bootstrap"));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().put("PARLEY_HOME", cwd.resolve("home").toString());
        builder.environment().put("user.home", cwd.resolve("user").toString());
        builder.environment().put("PARLEY_INSTALLER_CACHE", SHARED_WORKSPACE.toString());
        builder.environment().putAll(variables);
        Path out = java.nio.file.Files.createTempFile(cwd, "out-", ".txt");
        Path err = java.nio.file.Files.createTempFile(cwd, "err-", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the bootstrap did not end in 120 s");
        }
        Result result = new Result(process.exitValue(), java.nio.file.Files.readString(out),
                java.nio.file.Files.readString(err));
        java.nio.file.Files.delete(out);
        java.nio.file.Files.delete(err);
        return result;
    }
}
