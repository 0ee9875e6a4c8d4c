package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.packer.TemplateFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The first thing every user does: copy the file, extract the bootstrap with sqlite3, run it with
 * no network and no Maven repository, and get a healthy hub; the second start reuses the build.
 * This is the distribution suite's proof of a cold start from nothing; the other tests may share its build.
 */
class OfflineInstallAndRestartTest {

    @Test
    void a_copied_template_installs_builds_and_serves_offline_then_restarts_from_the_cached_build()
            throws Exception {
        Path template = TemplateFixture.fullTemplate();
        String buildHash = buildHash(template);
        UserFolder user = UserFolder.coldStart(template, "offline-install");

        long coldMillis;
        try (BootstrapProcess first = user.start(true, "--", "--host", "127.0.0.1", "--port", "0")) {
            int port = first.awaitServing(Duration.ofMinutes(3));
            String health = first.get(port, "/health");
            coldMillis = first.elapsedMillis();

            // Proof of isolation: the namespace has loopback and nothing else, and no route out.
            assertThat(first.inNamespace("ip", "-o", "link").strip().lines()).hasSize(1).allMatch(l -> l.contains(" lo:"));
            assertThat(first.inNamespace("ip", "route", "show", "default").strip()).isEmpty();
            assertThat(user.userHome().resolve(".m2")).doesNotExist();

            assertThat(health).contains("\"status\":\"ok\"", "\"product\":\"Parley\"",
                    "\"build_hash\":\"" + buildHash + "\"", "\"channels\":1");
            assertThat(first.output()).contains("installed", "compiling");
            assertThat(first.stop()).isNotEqualTo(-1);
        }
        assertThat(user.liveDb()).exists();
        assertThat(user.workspace().resolve(buildHash)).isDirectory();
        assertThat(user.parleyHome().resolve("bin/parley")).isExecutable();
        assertThat(user.parleyHome().resolve("bin/parley.cmd")).exists();

        long warmMillis;
        try (BootstrapProcess second = user.start(true, "--", "--host", "127.0.0.1", "--port", "0")) {
            int port = second.awaitServing(Duration.ofMinutes(1));
            assertThat(second.get(port, "/health")).contains("\"status\":\"ok\"");
            // The launcher the bootstrap wrote runs the CLI against the hub: one word afterwards.
            String status = second.inNamespace(user.parleyHome().resolve("bin/parley").toString(),
                    "--server", "http://127.0.0.1:" + port, "--json", "status");
            assertThat(status).contains("\"status\"", "\"ok\"");
            warmMillis = second.elapsedMillis();
            second.awaitLine(Pattern.compile("cached build"), Duration.ofSeconds(1));
            assertThat(second.output()).doesNotContain("compiling");
            second.stop();
        }
        System.out.printf("offline cold start %d ms, warm start %d ms%n", coldMillis, warmMillis);

        // The launchers load sqlite-jdbc's library from the build's native/ folder, extracted once, instead of
        // copying it into the temporary folder at every start.
        Path scratch = Files.createDirectories(user.dir().resolve("sqlite-tmpdir"));
        ProcessBuilder backup = new ProcessBuilder(user.parleyHome().resolve("bin/parley").toString(), "backup")
                .redirectErrorStream(true);
        backup.environment().put("PARLEY_HOME", user.parleyHome().toString());
        backup.environment().put("JAVA_TOOL_OPTIONS", "-Dorg.sqlite.tmpdir=" + scratch);
        Process process = backup.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(user.workspace().resolve(buildHash).resolve("native/libsqlitejdbc.so")).isRegularFile();
        try (Stream<Path> extracted = Files.list(scratch)) {
            assertThat(extracted).as("copies of the native library made by this run").isEmpty();
        }
    }

    static String buildHash(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet row = connection.createStatement().executeQuery(
                     "SELECT value FROM metadata WHERE key = 'build_hash'")) {
            row.next();
            return row.getString(1);
        }
    }
}
