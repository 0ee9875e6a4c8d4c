package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.packer.TemplateFixture;
import dev.parley.server.HubConfig;
import dev.parley.store.TemplateExport;
import dev.parley.testing.ChildProcess;
import dev.parley.testing.InProcessHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * template export (code without data, from a live database installed from a freshly packed template), backup (says
 * it includes the code, prunes its folder) and prune (backups, and workspace builds but the current one).
 */
class TemplateExportAndPruneTest {
    @TempDir
    static Path dir;

    private static Path template;
    private static Path live;
    private static InProcessHub hub;
    private static Cli cli;

    /**
     * A hub installed from a packed template (and once upgraded), then used: channels, messages, a hub token, a
     * participant key.
     */
    @BeforeAll
    static void installAndUse() throws Exception {
        template = TemplateFixture.fullTemplate();
        Path home = Files.createDirectories(dir.resolve("home"));
        live = home.resolve("parley.db");
        Files.copy(template, live);
        hub = InProcessHub.start(new HubConfig(live, "127.0.0.1", 0));
        // What an earlier `Bootstrap.java --upgrade` notes about this machine, not about the template.
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + live);
             Statement statement = db.createStatement()) {
            statement.executeUpdate("INSERT INTO metadata(key, value) VALUES ('upgraded_from', '0.0.1 (abc)'),"
                    + " ('upgraded_at', '2026-01-01T00:00:00Z')");
        }
        cli = new Cli(hub.url(), home).with("PARLEY_NAME", "alice");
        hub.post("/api/channels/create", "{\"name\":\"secret-plans\",\"created_by\":\"alice\"}");
        hub.rest().send("alice", "secret-plans", "the launch code is 1234");
        hub.rest().send("alice", "general", "hello");
        assertThat(cli.run("invite").code()).isZero();
        assertThat(cli.run("keys", "reset", "alice", "--new").code()).isZero();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void template_export_copies_every_template_row_and_no_runtime_data() throws Exception {
        assertThat(number(live, "SELECT count(*) FROM messages")).isGreaterThanOrEqualTo(2);
        assertThat(number(live, "SELECT count(*) FROM hub_tokens")).isPositive();
        assertThat(number(live, "SELECT count(*) FROM participants WHERE key_hash IS NOT NULL")).isPositive();

        Path out = dir.resolve("exports/clean.db"); // in a folder that does not exist yet
        Cli.Result result = cli.run("template", "export", out.toString(), "--json");
        assertThat(result.code()).as(result.toString()).isZero();
        JsonNode report = result.json();
        assertThat(report.path("build_hash").asText()).isEqualTo(text(template, "SELECT value FROM metadata"
                + " WHERE key = 'build_hash'"));
        assertThat(report.path("files").asLong()).isEqualTo(number(template, "SELECT count(*) FROM module_files"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.getParent()))).isEqualTo("rwx------");

        for (String table : List.of("messages", "participants", "members", "hub_tokens", "hub_settings", "reactions",
                "cursor_exceptions", "message_search")) {
            assertThat(number(out, "SELECT count(*) FROM " + table)).as(table).isZero();
        }
        assertThat(rows(out, "SELECT channel_id || ' ' || name || ' ' || topic FROM channels"))
                .containsExactly("ch-general general General discussion");
        assertThat(text(out, "PRAGMA integrity_check")).isEqualTo("ok");
        // The same file a fresh pack is: every object's definition, the schema steps, the file's id, and
        // every row of the template tables, both ways.
        String objects = "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name";
        assertThat(rows(out, objects)).containsExactlyElementsOf(rows(template, objects));
        String steps = "SELECT name FROM migrations ORDER BY name";
        assertThat(rows(out, steps)).isNotEmpty().containsExactlyElementsOf(rows(template, steps));
        assertThat(number(out, "PRAGMA application_id")).isEqualTo(number(template, "PRAGMA application_id")).isNotZero();
        for (String table : TemplateExport.TEMPLATE_TABLES) {
            assertThat(number(out, "SELECT count(*) FROM " + table)).as(table)
                    .isEqualTo(number(template, "SELECT count(*) FROM " + table)).isPositive();
            assertThat(differingRows(out, template, table)).as(table + " rows only in the export").isZero();
            assertThat(differingRows(template, out, table)).as(table + " rows only in the template").isZero();
        }

        // What a new machine does with it: the Bootstrap.java it packs verifies it.
        Path newMachine = Files.createDirectories(dir.resolve("new-machine"));
        Files.writeString(newMachine.resolve("Bootstrap.java"),
                text(out, "SELECT source_code FROM code_modules WHERE module_name = 'bootstrap'"));
        try (ChildProcess verify = ChildProcess.start(List.of(ChildProcess.java(), "Bootstrap.java", "--verify",
                "--db", out.toString()), newMachine, ChildProcess.env("PARLEY_HOME", newMachine.resolve("home")
                .toString(), "PATH", System.getenv("PATH")))) {
            assertThat(verify.awaitExit(Duration.ofMinutes(2))).as(verify.output()).isZero();
            assertThat(verify.output()).contains("OK ").contains("build " + report.path("build_hash").asText());
        }
    }

    @Test
    void template_export_refuses_an_existing_file_a_database_without_code_and_no_database() throws Exception {
        Path existing = Files.writeString(dir.resolve("existing.db"), "keep me");
        Cli.Result taken = cli.run("template", "export", existing.toString());
        assertThat(taken.code()).isEqualTo(Exit.FILE_ERROR.code());
        assertThat(taken.err()).contains("already exists");
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        Path plain = dir.resolve("plain.db");
        InProcessHub.start(new HubConfig(plain, "127.0.0.1", 0)).close(); // a hub started on an empty file: runtime tables, no code
        Path out = dir.resolve("from-plain.db");
        Cli.Result noCode = cli.with("PARLEY_DB", plain.toString()).run("template", "export", out.toString());
        assertThat(noCode.code()).as(noCode.toString()).isEqualTo(Exit.FILE_ERROR.code());
        assertThat(noCode.err()).contains("not installed from a template");
        assertThat(out).doesNotExist();

        Cli.Result none = cli.with("PARLEY_DB", dir.resolve("nothing.db").toString())
                .run("template", "export", out.toString());
        assertThat(none.code()).isEqualTo(Exit.NO_DATABASE.code());
        assertThat(out).doesNotExist();
    }

    @Test
    void backup_says_it_includes_the_code_and_keeps_the_newest_backups() throws Exception {
        Path backups = Files.createDirectories(cli.home().resolve("backups"));
        for (int i = 1; i <= 5; i++) {
            Files.writeString(backups.resolve("parley-20200101-00000" + i + ".db"), "old " + i);
        }
        Files.writeString(backups.resolve("notes.txt"), "mine");
        Files.writeString(backups.resolve("mine.db"), "mine");

        JsonNode report = cli.run("backup", "--keep", "3", "--json").json();
        assertThat(report.path("includes_code").asBoolean()).isTrue();
        assertThat(report.path("code_bytes").asLong()).isEqualTo(number(live, "SELECT sum(length(data)) FROM sqlar"));
        assertThat(report.path("pruned")).extracting(JsonNode::asText).containsExactly(
                backups.resolve("parley-20200101-000001.db").toString(),
                backups.resolve("parley-20200101-000002.db").toString(),
                backups.resolve("parley-20200101-000003.db").toString());
        Path fresh = Path.of(report.path("path").asText());
        assertThat(names(backups)).containsExactlyInAnyOrder(fresh.getFileName().toString(),
                "parley-20200101-000004.db", "parley-20200101-000005.db", "notes.txt", "mine.db");

        // Backups are named by the second: move this one into the past so the next cannot collide with it.
        Files.move(fresh, backups.resolve("parley-20200101-000009.db"));
        Cli.Result human = cli.with("PARLEY_KEEP_BACKUPS", "1").run("backup");
        assertThat(human.code()).as(human.toString()).isZero();
        assertThat(human.out()).contains("the backup includes the code").contains("parley template export")
                .contains("deleted old backup " + backups.resolve("parley-20200101-000009.db"));
        assertThat(names(backups)).hasSize(3).contains("notes.txt", "mine.db")
                .anyMatch(name -> name.matches("parley-\\d{8}-\\d{6}\\.db") && !name.startsWith("parley-2020"));
    }

    @Test
    void prune_keeps_the_current_build_and_the_newest_others() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        String current = text(live, "SELECT value FROM metadata WHERE key = 'build_hash'");
        List<String> others = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            others.add(String.valueOf(i).repeat(64));
        }
        Instant now = Instant.now();
        build(workspace, current, now.minus(30, ChronoUnit.DAYS)); // the oldest, but current
        build(workspace, current + "-jbang", now.minus(30, ChronoUnit.DAYS));
        for (int i = 0; i < others.size(); i++) {
            build(workspace, others.get(i), now.minus(10 - i, ChronoUnit.DAYS)); // others.get(3) is the newest
        }
        // The newest other build's JBang twin is older than two whole builds: a build's folders go or stay together.
        build(workspace, others.get(3) + "-jbang", now.minus(20, ChronoUnit.DAYS));
        build(workspace, ".tmp-1234abcd-99", now.minus(40, ChronoUnit.DAYS)); // a build the bootstrap is writing
        // The installer's own builds: the current one (named by the installer) is the oldest; c... is the newest.
        Path installers = workspace.resolve("installer");
        build(installers, "a".repeat(64), now.minus(30, ChronoUnit.DAYS));
        build(installers, "b".repeat(64), now.minus(5, ChronoUnit.DAYS));
        build(installers, "c".repeat(64), now.minus(1, ChronoUnit.DAYS));
        build(installers, ".tmp-42", now.minus(40, ChronoUnit.DAYS));
        Files.writeString(installers.resolve("current"), "a".repeat(64) + "\n");
        Files.setLastModifiedTime(installers, FileTime.from(now.minus(30, ChronoUnit.DAYS)));
        Path otherHome = Files.createDirectories(dir.resolve("prune-home"));
        Path oldBackup = Files.createDirectories(otherHome.resolve("backups")).resolve("parley-20200101-000000.db");
        Files.writeString(oldBackup, "old");
        Cli pruner = cli.with("PARLEY_HOME", otherHome.toString()).with("PARLEY_DB", live.toString())
                .with("PARLEY_WORKSPACE", workspace.toString());

        JsonNode report = pruner.run("prune", "--keep-builds", "1", "--json").json();
        assertThat(report.path("current_build").asText()).isEqualTo(current);
        assertThat(report.path("deleted_builds")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                workspace.resolve(others.get(0)).toString(), workspace.resolve(others.get(1)).toString(),
                workspace.resolve(others.get(2)).toString());
        assertThat(report.path("deleted_backups")).isEmpty(); // one backup, ten kept
        assertThat(names(workspace)).containsExactlyInAnyOrder(current, current + "-jbang", others.get(3),
                others.get(3) + "-jbang", ".tmp-1234abcd-99", "installer");
        assertThat(report.path("deleted_installer_builds")).extracting(JsonNode::asText)
                .containsExactly(installers.resolve("b".repeat(64)).toString());
        assertThat(names(installers)).containsExactlyInAnyOrder("a".repeat(64), "c".repeat(64), ".tmp-42", "current");

        Cli.Result none = pruner.with("PARLEY_KEEP_BUILDS", "0").with("PARLEY_KEEP_BACKUPS", "0").run("prune");
        assertThat(none.code()).as(none.toString()).isZero();
        assertThat(none.out()).contains("deleted build " + workspace.resolve(others.get(3)))
                .contains("deleted build " + workspace.resolve(others.get(3) + "-jbang"))
                .contains("deleted backup " + oldBackup);
        assertThat(names(workspace)).containsExactlyInAnyOrder(current, current + "-jbang", ".tmp-1234abcd-99",
                "installer");
        assertThat(none.out()).contains("deleted installer build " + installers.resolve("c".repeat(64)));
        assertThat(names(installers)).containsExactlyInAnyOrder("a".repeat(64), ".tmp-42", "current");
        assertThat(oldBackup).doesNotExist();

        Cli.Result bad = pruner.with("PARLEY_KEEP_BUILDS", "lots").run("prune");
        assertThat(bad.code()).isEqualTo(Exit.USAGE.code());
        assertThat(bad.err()).contains("PARLEY_KEEP_BUILDS must be a whole number");
    }

    /** A build folder with a file and a subfolder in it, last modified at {@code time}. */
    private static void build(Path workspace, String name, Instant time) throws Exception {
        Path folder = Files.createDirectories(workspace.resolve(name).resolve("classes"));
        Files.writeString(folder.resolve("Hub.class"), "bytes");
        Files.setLastModifiedTime(workspace.resolve(name), FileTime.from(time));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    /** Rows of {@code table} in {@code a} that {@code b} does not have. */
    private static long differingRows(Path a, Path b, String table) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + a);
             Statement statement = connection.createStatement()) {
            statement.execute("ATTACH DATABASE '" + b + "' AS other");
            try (ResultSet row = statement.executeQuery("SELECT count(*) FROM (SELECT * FROM main." + table
                    + " EXCEPT SELECT * FROM other." + table + ")")) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    private static long number(Path db, String sql) throws Exception {
        return Long.parseLong(text(db, sql));
    }

    private static String text(Path db, String sql) throws Exception {
        List<String> rows = rows(db, sql);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static List<String> rows(Path db, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
