package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.packer.SourceCopy;
import dev.parley.packer.TemplateFixture;
import dev.parley.packer.TemplateWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upgrade by swapping modules: v1 (this tree's template) installed and used, then {@code --upgrade v2.db}. v2 adds
 * a schema step and changes a line of the hub's code, so the test sees both the new schema and the new code.
 */
class UpgradeTest {
    private static final int HUB_RUNNING = 6;
    private static final int DOWNGRADE_REFUSED = 7;
    /** Above any version the POM gives v1 (the full template of this tree). */
    private static final String V2_VERSION = "999.1.0";
    private static final String HEALTH_ROUTES = "modules/server/src/main/java/dev/parley/server/rest/OpsRoutes.java";

    private static Path v1;
    private static Path v2;
    private static String v2Hash;

    @BeforeAll
    static void packBothVersions() throws Exception {
        Path folder = TemplateFixture.workFolder("upgrade-templates");
        v1 = TemplateFixture.fullTemplate(); // the build other tests share: only v2 compiles here

        Path source = folder.resolve("v2-src");
        SourceCopy.copy(TemplateFixture.sourceRoot(), source);
        Path migrations = source.resolve("template/migrations");
        Files.writeString(migrations.resolve("9001_upgrade_probe.sql"),
                "CREATE TABLE upgrade_probe(note TEXT NOT NULL);\nINSERT INTO upgrade_probe VALUES ('v2 schema');\n");
        Files.writeString(migrations.resolve("migrations.txt"), "9001_upgrade_probe.sql\n", StandardOpenOption.APPEND);
        Path health = source.resolve(HEALTH_ROUTES);
        String code = Files.readString(health);
        String marker = "body.put(\"status\", store.degraded() ? \"degraded\" : \"ok\");";
        assertThat(code).contains(marker);
        Files.writeString(health, code.replace(marker, marker + " body.put(\"edition\", \"v2\");"));
        TemplateWriter.Result packed = TemplateFixture.pack(source, V2_VERSION, false, folder.resolve("v2.db"));
        v2 = packed.file();
        v2Hash = packed.buildHash();
    }

    @Test
    void upgrade_keeps_every_runtime_row_runs_the_new_code_and_refuses_a_downgrade() throws Exception {
        UserFolder user = UserFolder.sharingBuilds(v1, "upgrade");
        int rows = 300;
        try (BootstrapProcess hub = user.start(false, "--", "--host", "127.0.0.1", "--port", "0")) {
            int port = hub.awaitServing(Duration.ofMinutes(3));
            sendThroughRest(port, rows);
            BootstrapProcess.Finished refused = user.run("--upgrade", v2.toString());
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(HUB_RUNNING);
            hub.stop();
        }

        BootstrapProcess.Finished upgrade = user.run("--upgrade", v2.toString());
        assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
        try (Stream<Path> backups = Files.list(user.parleyHome().resolve("backups"))) {
            Path backup = backups.findFirst().orElseThrow();
            assertThat(countMessages(backup)).isEqualTo(rows);
        }

        try (BootstrapProcess hub = user.start(false, "--", "--host", "127.0.0.1", "--port", "0")) {
            int port = hub.awaitServing(Duration.ofMinutes(3));
            String health = hub.get(port, "/health");
            assertThat(health).contains("\"edition\":\"v2\"", "\"version\":\"" + V2_VERSION + "\"",
                    "\"build_hash\":\"" + v2Hash + "\"", "\"messages\":" + rows);
            hub.stop();
        }
        assertThat(countMessages(user.liveDb())).isEqualTo(rows);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + user.liveDb());
             ResultSet probe = db.createStatement().executeQuery("SELECT note FROM upgrade_probe")) {
            assertThat(probe.next()).isTrue();
            assertThat(probe.getString(1)).isEqualTo("v2 schema");
        }

        BootstrapProcess.Finished downgrade = user.run("--upgrade", v1.toString());
        assertThat(downgrade.exitCode()).as(downgrade.output()).isEqualTo(DOWNGRADE_REFUSED);
        assertThat(downgrade.output()).contains("--force").doesNotContain("\tat ");
        assertThat(OfflineInstallAndRestartTest.buildHash(user.liveDb())).isEqualTo(v2Hash);
    }

    /** Messages sent through the v1 hub's REST API, as its users would have. */
    private static void sendThroughRest(int port, int messages) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 1; i <= messages; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/send"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"sender\":\"ada\",\"channel\":\"general\",\"body\":\"message " + i + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }

    private static int countMessages(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet count = connection.createStatement().executeQuery("SELECT count(*) FROM messages")) {
            count.next();
            return count.getInt(1);
        }
    }
}
