package dev.parley.installer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * javac in a child JVM tuned for a short compile (C1 only, serial GC: C2 would spend most of a one-off compile
 * compiling javac itself), the hub's sources against its jars, into classes/. Shows progress while it runs: javac's
 * {@code -verbose} names each class as it checks it, so the installer can count.
 */
final class Compiler {
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private Compiler() {}

    /** This JDK's javac, or null (a JRE). */
    static Path javac() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        for (String name : List.of("javac", "javac.exe")) {
            if (Files.isExecutable(bin.resolve(name))) {
                return bin.resolve(name);
            }
        }
        return null;
    }

    static void compile(List<Path> sources, List<Path> classpath, Path classes, String release, String what,
            Environment env) throws IOException {
        Path javac = javac();
        Failure.require(javac != null, Exit.COMPILE_FAILED, "this Java (" + System.getProperty("java.home") + ") has "
                + "no compiler, it is a JRE: install a JDK " + release + "+ or JBang (--jbang)");
        Failure.require(Integer.parseInt(release) <= Runtime.version().feature(), Exit.COMPILE_FAILED, "this build "
                + "needs Java " + release + "+, this is Java " + Runtime.version().feature());
        Files.createDirectories(classes);
        if (sources.isEmpty()) {
            return;
        }
        // An argument file: any number of sources and jars, whatever the platform's command-line limit.
        Path arguments = classes.resolveSibling("javac.args");
        List<String> lines = new ArrayList<>(List.of("--release", release, "-proc:none", "-encoding", "UTF-8",
                "-nowarn", "-verbose", "-d", quoted(classes.toString()), "-cp", quoted(classpath.stream()
                        .map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)))));
        sources.forEach(source -> lines.add(quoted(source.toString())));
        Files.write(arguments, lines);
        env.out().println("compiling " + sources.size() + " java files of " + what + " ...");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(javac.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
                "-J-Xshare:auto", "@" + arguments).redirectErrorStream(true).start();
        process.getOutputStream().close();
        List<String> errors = new ArrayList<>();
        int checked = 0;
        long shown = start;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                Charset.defaultCharset()))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith("[checking ")) {
                    checked++;
                    if (System.nanoTime() - shown >= PROGRESS_EVERY_NANOS) {
                        shown = System.nanoTime();
                        env.out().printf("  ... %d s, %d of about %d classes checked%n", seconds(start), checked,
                                sources.size());
                    }
                } else if (!line.startsWith("[") && errors.size() < 60) {
                    errors.add(line); // javac's own messages: errors, and the lines that point into the source
                }
            }
        }
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Failure(Exit.COMPILE_FAILED, "compilation interrupted");
        }
        if (code != 0) {
            errors.stream().limit(40).forEach(env.err()::println);
            long count = errors.stream().filter(line -> line.contains(": error:")).count();
            throw new Failure(Exit.COMPILE_FAILED, "compilation failed with " + count + " errors");
        }
        env.out().printf("compiled %d files in %.1f s%n", sources.size(), (System.nanoTime() - start) / 1e9);
    }

    private static long seconds(long start) {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }

    /** javac's argument-file quoting: double quotes, backslashes doubled. */
    private static String quoted(String argument) {
        return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
