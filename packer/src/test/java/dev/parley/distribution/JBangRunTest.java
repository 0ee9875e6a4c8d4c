package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.packer.TemplateFixture;
import dev.parley.testing.ChildProcess;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code java Bootstrap.java --jbang} with the real JBang ({@code dev.jbang:jbang-cli}, a test dependency): the
 * script Bootstrap writes (//DEPS, //SOURCES, //FILES) must build and start a healthy hub.
 *
 * <p>JBang's {@code dev.jbang.Main} does not run the program: it prints the java command and exits with 255, and
 * its shell launcher executes that command. The test writes such a launcher ({@code jbang}, passed as
 * PARLEY_JBANG) that runs Main from the test's class path. Everything runs without network ({@code unshare -n}) and
 * JBang {@code --offline}, against the local Maven repository the build filled, with its config and cache in the
 * test's folder.
 */
class JBangRunTest {

    @Test
    void the_real_jbang_builds_and_runs_the_hub_from_the_script_the_bootstrap_writes() throws Exception {
        Path template = TemplateFixture.fullTemplate();
        String buildHash = OfflineInstallAndRestartTest.buildHash(template);
        UserFolder user = UserFolder.from(template, "jbang-run");
        Path jbangDir = user.dir().resolve("jbang-dir");
        Path jbang = launcher(user.dir().resolve("jbang-launcher"));

        Map<String, String> env = user.env();
        env.putAll(ChildProcess.env(
                "PARLEY_JBANG", jbang.toString(),
                "JAVA_HOME", System.getProperty("java.home"),
                "JBANG_DIR", jbangDir.toString(),
                "JBANG_CACHE_DIR", jbangDir.resolve("cache").toString(),
                "JBANG_REPO", mavenRepository().toString(),
                "JBANG_NO_VERSION_CHECK", "true"));

        long millis;
        try (BootstrapProcess bootstrap = BootstrapProcess.start(user.dir(), user.userHome(), env, true,
                "--jbang", "--", "--host", "127.0.0.1", "--port", "0")) {
            int port = bootstrap.awaitServing(Duration.ofMinutes(2));
            String health = bootstrap.get(port, "/health");
            millis = bootstrap.elapsedMillis();

            assertThat(health).as(bootstrap.output()).contains("\"status\":\"ok\"", "\"product\":\"Parley\"",
                    "\"build_hash\":\"" + buildHash + "\"");
            assertThat(bootstrap.output()).contains("installed", "[jbang] Building jar for ParleyMain.java");
            bootstrap.stop();
        }
        Path script = user.workspace().resolve(buildHash + "-jbang/src/ParleyMain.java");
        assertThat(script).isRegularFile();
        try (Stream<Path> jars = Files.walk(jbangDir.resolve("cache/jars"))) { // JBang built into the test's folder
            assertThat(jars.map(Path::getFileName).map(Path::toString)).contains("ParleyMain.jar");
        }
        assertThat(user.userHome().resolve(".jbang")).doesNotExist();
        System.out.printf("jbang cold start to healthy hub: %d ms%n", millis);
    }

    /**
     * A JBang launcher like JBang's own bin/jbang: run dev.jbang.Main (offline), and on exit code 255 execute the
     * java command it printed.
     */
    private static Path launcher(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path classpath = dir.resolve("jbang-classpath.args");
        String entries = System.getProperty("java.class.path").replace("\\", "\\\\").replace("\"", "\\\"");
        Files.writeString(classpath, "-cp \"" + entries + "\"\n");
        Path script = dir.resolve("jbang");
        Files.writeString(script, "#!/usr/bin/env bash\n"
                + "output=$(" + shQuote(ChildProcess.java()) + " " + shQuote("@" + classpath)
                + " dev.jbang.Main --offline \"$@\")\n"
                + "err=$?\n"
                + "if [ $err -eq 255 ]; then\n"
                + "  eval \"exec $output\"\n"
                + "fi\n"
                + "[ -n \"$output\" ] && echo \"$output\"\n"
                + "exit $err\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The local Maven repository the build resolved into: where the jbang-cli jar on the class path lives. */
    private static Path mavenRepository() throws URISyntaxException {
        Path jar = Path.of(dev.jbang.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path repo = jar.getParent().getParent().getParent().getParent().getParent(); // dev/jbang/jbang-cli/<v>/x.jar
        assertThat(repo.resolve("dev/jbang/jbang-cli")).as("jbang-cli comes from a Maven repository").isDirectory();
        return repo;
    }

    private static String shQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
