package dev.parley.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/parley} as {@code sh} runs it, with a stand-in for {@code java} that prints the arguments it got: which
 * JVM options each command starts with, and that paths with spaces stay one argument each.
 */
class LauncherScriptsTest {
    @TempDir
    Path dir;
    Path launcher;
    Path archive;

    @BeforeEach
    void writeTheLauncherForAHomeWithASpaceInItsPath() throws Exception {
        Path root = dir.resolve("my home/.parley");
        Home home = new Home(root, root.resolve("workspace"));
        Build build = new Build("ab".repeat(32), home.workspace().resolve("ab".repeat(32)), "demo.Hub", "demo.Cli");
        Environment env = new Environment(dir, Map.of("PARLEY_HOME", root.toString()), "Linux", dir.toString(),
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(new ByteArrayOutputStream(), true));
        LauncherScripts.write(home, build, env);
        Path java = dir.resolve("fake java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        launcher = root.resolve("bin/parley");
        String script = Files.readString(launcher);
        String real = LauncherScripts.shQuote(HubRun.javaExecutable());
        assertThat(script).contains(real);
        Files.writeString(launcher, script.replace(real, LauncherScripts.shQuote(java.toString())));
        archive = build.dir().resolve("serve-jdk" + Runtime.version().feature() + ".jsa");
    }

    private List<String> run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void shortCommandsGetALightJitAndGcAndKeepEveryArgumentWhole() throws Exception {
        List<String> got = run("send", "general", "two words");

        assertThat(got).startsWith("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC").endsWith("demo.Cli", "send",
                "general", "two words");
        assertThat(got).filteredOn(arg -> arg.startsWith("@")).singleElement()
                .satisfies(arg -> assertThat(arg).endsWith("/classpath.args").contains("my home"));
    }

    @Test
    void serveMakesTheClassDataArchiveAtItsFirstRealRunAndMapsItLater() throws Exception {
        boolean auto = Runtime.version().feature() >= 19;
        assertThat(run("serve", "--port", "9800")).startsWith(auto
                ? new String[] {"-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive}
                : new String[] {"-XX:ArchiveClassesAtExit=" + archive}).endsWith("serve", "--port", "9800");
        Files.createDirectories(archive.getParent());
        Files.write(archive, new byte[] {1});
        assertThat(run("serve")).first().isEqualTo(auto ? "-XX:+AutoCreateSharedArchive"
                : "-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void serveHelpNeverMakesTheArchiveSinceItLoadsAlmostNothing() throws Exception {
        for (String help : List.of("--help", "-h", "--version", "-V")) {
            assertThat(run("serve", help)).as(help).noneMatch(arg -> arg.startsWith("-XX:"))
                    .endsWith("demo.Cli", "serve", help);
        }
    }

    @Test
    void longRunningCommandsKeepTheJvmDefaults() throws Exception {
        for (String command : List.of("listen", "mcp", "bench")) {
            assertThat(run(command)).as(command).noneMatch(arg -> arg.startsWith("-XX:"));
        }
    }
}
