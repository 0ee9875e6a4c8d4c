import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first start installs the template, verifies, extracts and compiles it, writes the launchers and runs the hub
 * (here a tiny main class that records what it got and exits 42); later starts reuse the build.
 */
class BootstrapBuildAndLaunchTest {
    private static final String MAIN = """
            package demo;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.Arrays;

            public class Main {
                public static void main(String[] args) throws Exception {
                    String greeting = new String(Main.class.getResourceAsStream("/demo/greeting.txt").readAllBytes());
                    String out = args[Arrays.asList(args).indexOf("--out") + 1];
                    Files.writeString(Path.of(out), String.join(" ", args) + "\\n" + greeting + "\\n"
                            + demo.lib.Greeter.greet("hub") + "\\n" + System.getenv("PARLEY_HOME") + "\\n");
                    System.exit(42);
                }
            }
            """;

    @TempDir
    Path dir;
    Path home;
    byte[] greeterJar;

    @BeforeEach
    void prepare() throws IOException {
        home = dir.resolve("parley home"); // a space, as in many Windows profiles
        greeterJar = Jars.compiled(dir.resolve("scratch"), "demo.lib.Greeter",
                "package demo.lib; public class Greeter { public static String greet(String who) { "
                        + "return \"hello, \" + who; } }");
    }

    private TemplateDb template(String version, boolean lean) {
        return new TemplateDb().version(version)
                .java("modules/app/src/main/java/demo/Main.java", MAIN)
                .file("modules/app/src/main/resources/demo/greeting.txt", "app", "resource", "demo/greeting.txt",
                        "hello from a resource")
                .step("0001_first.sql", "CREATE TABLE notes(body TEXT);", true)
                .library("org.example", "greeter", "1.0", greeterJar, !lean);
    }

    private Commands.Result run(Map<String, String> variables, String... args) {
        Map<String, String> all = new java.util.HashMap<>(variables);
        all.put("PARLEY_HOME", home.toString());
        return Commands.run(dir, all, args);
    }

    @Test
    void installsTheTemplateBuildsItAndStartsTheHubWithTheLiveDatabaseAndPassedArguments() throws Exception {
        TemplateDb template = template("0.1.0", false);
        template.write(dir.resolve("parley.db"));
        Path out = dir.resolve("hub-output.txt");

        Commands.Result result = Commands.launch(dir, Map.of("PARLEY_HOME", home.toString()), "--", "--out",
                out.toString(), "--port", "0");

        Path live = home.resolve("parley.db");
        Path build = home.resolve("workspace").resolve(template.buildHash());
        assertThat(result.code()).as(result.all()).isEqualTo(42);
        assertThat(result.out()).contains("installed " + dir.resolve("parley.db") + " as " + live, "compiling");
        assertThat(Sqlite.metadata(live, "build_hash")).isEqualTo(template.buildHash());
        assertThat(Sqlite.metadata(live, "trusted_signer")).as("the first install pins its signer")
                .isEqualTo(InstallerSources.key().fingerprint());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(live))).isEqualTo("rw-------");
        assertThat(Jars.lines(out)).containsExactly("--db " + live + " --out " + out + " --port 0",
                "hello from a resource", "hello, hub", home.toString());
        assertThat(build.resolve(".built")).exists();
        assertThat(build.resolve("classpath.args")).content().startsWith("-cp \"" + build.resolve("app.jar"))
                .contains("greeter-1.0.jar");
        assertThat(build.resolve("src/modules/app/src/main/java/demo/Main.java")).hasContent(MAIN);
        assertThat(build.resolve("classes/demo/Main.class")).exists();
        assertThat(build.resolve("classes/parley/migrations/0001_first.sql")).exists();
        assertThat(build.resolve("lib/org/example/greeter/1.0/greeter-1.0.jar")).hasBinaryContent(greeterJar);
        try (Stream<Path> leftovers = Files.list(home.resolve("workspace"))) {
            assertThat(leftovers).containsExactly(build);
        }
    }

    @Test
    void aSecondStartUsesTheCachedBuildWithoutExtractingOrCompiling() throws Exception {
        TemplateDb template = template("0.1.0", false);
        template.write(dir.resolve("parley.db"));
        assertThat(run(Map.of(), "--no-run").code()).isZero();
        Path mainClass = home.resolve("workspace").resolve(template.buildHash()).resolve("classes/demo/Main.class");
        long compiledAt = Files.getLastModifiedTime(mainClass).toMillis();
        Files.delete(dir.resolve("parley.db")); // the template is gone; the live database is enough

        Commands.Result second = run(Map.of(), "--no-run");

        assertThat(second.code()).as(second.all()).isZero();
        assertThat(second.out()).contains("using cached build " + template.buildHash().substring(0, 12))
                .doesNotContain("compiling", "installed");
        assertThat(Files.getLastModifiedTime(mainClass).toMillis()).isEqualTo(compiledAt);
    }

    @Test
    void homesSharingAWorkspaceEachVerifyTheirTemplateButCompileItOnce() throws Exception {
        TemplateDb template = template("0.1.0", false);
        Path file = template.write(dir.resolve("parley.db"));
        Path shared = dir.resolve("shared builds");
        Commands.Result first = Commands.run(dir, Map.of("PARLEY_HOME", home.toString(),
                "PARLEY_WORKSPACE", shared.toString()), "--no-run");
        assertThat(first.code()).as(first.all()).isZero();
        assertThat(first.out()).contains("compiling");
        assertThat(shared.resolve(template.buildHash()).resolve("classes/demo/Main.class")).exists();
        assertThat(home.resolve("workspace")).doesNotExist();

        Path otherHome = dir.resolve("other home");
        Commands.Result second = Commands.run(dir, Map.of("PARLEY_HOME", otherHome.toString(),
                "PARLEY_WORKSPACE", shared.toString()), "--no-run");

        assertThat(second.code()).as(second.all()).isZero();
        assertThat(second.out()).contains("installed", "using cached build " + template.buildHash().substring(0, 12))
                .doesNotContain("compiling");
        assertThat(Sqlite.metadata(otherHome.resolve("parley.db"), "build_hash")).isEqualTo(template.buildHash());

        try (Connection db = Sqlite.open(file)) { // a shared build never stands in for verifying a template
            TemplateDb.insert(db, "UPDATE sqlar SET data = ? WHERE name = ?", "class Evil {}".getBytes(
                    StandardCharsets.UTF_8), "modules/app/src/main/java/demo/Main.java");
        }
        Path thirdHome = dir.resolve("third home");
        Commands.Result tampered = Commands.run(dir, Map.of("PARLEY_HOME", thirdHome.toString(),
                "PARLEY_WORKSPACE", shared.toString()), "--no-run");
        assertThat(tampered.code()).as(tampered.all()).isEqualTo(4);
        assertThat(thirdHome.resolve("parley.db")).doesNotExist();
    }

    @Test
    void writesLaunchersThatRunTheCliOfTheBuild() throws Exception {
        template("0.1.0", false).write(dir.resolve("parley.db"));
        assertThat(run(Map.of(), "--no-run").code()).isZero();
        Path out = dir.resolve("cli-output.txt");

        Process cli = new ProcessBuilder("sh", home.resolve("bin/parley").toString(), "status", "--out",
                out.toString()).inheritIO().start();

        assertThat(cli.waitFor()).isEqualTo(42);
        assertThat(home.resolve("bin/parley")).isExecutable().content().contains("export PARLEY_HOME",
                "classpath.args' 'demo.Main' \"$@\"");
        assertThat(Jars.lines(out)).containsExactly("status --out " + out, "hello from a resource", "hello, hub",
                home.toString());
        assertThat(home.resolve("bin/parley.cmd")).content().contains("set \"PARLEY_HOME=" + home + "\"", "%*");
    }

    @Test
    void neverOverwritesAnInstalledDatabaseAndSuggestsUpgradingToANewerTemplate() throws Exception {
        template("0.1.0", false).write(dir.resolve("parley.db"));
        assertThat(run(Map.of(), "--no-run").code()).isZero();
        template("0.2.0", false).file("NEW.md", "readme", "doc", null, "new").write(dir.resolve("parley.db"));

        Commands.Result result = run(Map.of(), "--no-run");

        assertThat(result.code()).as(result.all()).isZero();
        assertThat(result.err()).contains("left alone", "0.2.0", "--upgrade " + dir.resolve("parley.db"));
        assertThat(Sqlite.metadata(home.resolve("parley.db"), "template_version")).isEqualTo("0.1.0");
    }

    @Test
    void refusesATamperedTemplateInstallsNothingAndBuildsNothing() throws Exception {
        Path template = template("0.1.0", false).write(dir.resolve("parley.db"));
        try (Connection db = Sqlite.open(template)) {
            TemplateDb.insert(db, "UPDATE sqlar SET data = ? WHERE name = ?", "class Evil {}".getBytes(
                    StandardCharsets.UTF_8), "modules/app/src/main/java/demo/Main.java");
        }

        Commands.Result result = run(Map.of(), "--no-run");

        assertThat(result.code()).isEqualTo(4);
        assertThat(result.err()).contains("modules/app/src/main/java/demo/Main.java").hasLineCount(1);
        assertThat(home.resolve("parley.db")).doesNotExist();
        assertThat(home.resolve("workspace")).doesNotExist();
    }

    @Test
    void reportsCompileErrorsWithExitCode5AndLeavesNoHalfBuiltWorkspace() throws Exception {
        new TemplateDb().java("src/demo/Main.java", "package demo; public class Main { int x = ; }")
                .write(dir.resolve("parley.db"));

        Commands.Result result = run(Map.of(), "--no-run");

        assertThat(result.code()).isEqualTo(5);
        assertThat(result.err()).contains("Main.java:1", "compilation failed with 1 errors");
        try (Stream<Path> workspace = Files.list(home.resolve("workspace"))) {
            assertThat(workspace).isEmpty();
        }
    }

    @Test
    void takesTheJarsOfALeanTemplateFromTheLocalMavenRepositoryAndVerifiesThem() throws Exception {
        template("0.1.0", true).write(dir.resolve("parley.db"));

        Commands.Result missing = run(Map.of(), "--no-run");
        Path wrongRepo = Jars.repository(dir.resolve("wrong-repo"), "org.example", "greeter", "1.0", new byte[10]);
        Commands.Result wrong = run(Map.of("PARLEY_MAVEN_REPO", wrongRepo.toString()), "--no-run");
        Path repo = Jars.repository(dir.resolve("user/.m2/repository"), "org.example", "greeter", "1.0", greeterJar);
        Commands.Result found = run(Map.of(), "--no-run");

        assertThat(missing.code()).isEqualTo(8);
        assertThat(missing.err()).contains("org.example:greeter:1.0", "--jbang");
        assertThat(wrong.code()).isEqualTo(4);
        assertThat(wrong.err()).contains("greeter-1.0.jar");
        assertThat(found.code()).as(found.all()).isZero();
        assertThat(repo).isDirectory();
    }

    @Test
    void refusesToStartASecondHubOnADatabaseAHubServes() throws Exception {
        template("0.1.0", false).write(dir.resolve("parley.db"));
        assertThat(run(Map.of(), "--no-run").code()).isZero();

        try (FileChannel channel = FileChannel.open(home.resolve("parley.db.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock hub = channel.lock()) {
            Commands.Result result = run(Map.of(), "--", "--out", dir.resolve("x").toString());

            assertThat(hub.isValid()).isTrue();
            assertThat(result.code()).isEqualTo(6);
            assertThat(result.err()).contains("a hub is running");
        }
    }

    @Test
    void writesAJBangScriptAndRunsItThroughTheConfiguredJBang() throws Exception {
        TemplateDb template = template("0.1.0", true);
        template.write(dir.resolve("parley.db"));
        Path fakeJbang = dir.resolve("fake-jbang");
        Files.writeString(fakeJbang, "#!/bin/sh\necho \"$@\" > \"" + dir.resolve("jbang-args.txt") + "\"\nexit 3\n");
        fakeJbang.toFile().setExecutable(true);

        Commands.Result result = run(Map.of("PARLEY_JBANG", fakeJbang.toString()), "--jbang", "--",
                "--port", "0");

        Path script = home.resolve("workspace").resolve(template.buildHash() + "-jbang/src/ParleyMain.java");
        assertThat(result.code()).as(result.all()).isEqualTo(3);
        assertThat(Jars.lines(dir.resolve("jbang-args.txt")))
                .containsExactly(script + " --db " + home.resolve("parley.db") + " --port 0");
        assertThat(Jars.lines(script)).contains("//JAVA 17+", "//COMPILE_OPTIONS -encoding UTF-8",
                "//DEPS org.example:greeter:1.0",
                "//SOURCES modules/app/src/main/java/demo/Main.java",
                "//FILES demo/greeting.txt=modules/app/src/main/resources/demo/greeting.txt",
                "//FILES parley/migrations/0001_first.sql=template/migrations/0001_first.sql",
                "        demo.Main.main(args);");
        assertThat(script.resolveSibling("modules/app/src/main/java/demo/Main.java")).hasContent(MAIN);
    }

    @Test
    void saysClearlyWhenJBangIsWantedButMissing() throws Exception {
        template("0.1.0", true).write(dir.resolve("parley.db"));

        Commands.Result result = run(Map.of("PATH", dir.toString()), "--jbang");

        assertThat(result.code()).isEqualTo(5);
        assertThat(result.err()).contains("jbang").hasLineCount(1);
    }
}
