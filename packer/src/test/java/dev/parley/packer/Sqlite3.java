package dev.parley.packer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's stock {@code sqlite3} binary, as a user of the template would. */
public final class Sqlite3 {
    private Sqlite3() {}

    /** Output of a finished sqlite3 run. */
    public record Output(int exitCode, String stdout, String stderr) {}

    /** Runs {@code sqlite3 <args>} in a folder and waits for it. */
    public static Output run(Path workingDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("sqlite3");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).start();
        process.getOutputStream().close();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("sqlite3 did not finish: " + command);
        }
        return new Output(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                new String(stderr, StandardCharsets.UTF_8));
    }
}
