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
    private Commands() {}

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
        int code = Bootstrap.run(args, new Bootstrap.Environment(cwd, env, "Linux", cwd.resolve("user").toString(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
