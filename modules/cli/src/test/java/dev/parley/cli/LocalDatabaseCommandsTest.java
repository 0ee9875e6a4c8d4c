package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.HubExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** invite and join (join codes), backup (VACUUM INTO beside the running hub), export (JSON lines over REST). */
class LocalDatabaseCommandsTest {
    // The hub's database is the CLI's $PARLEY_HOME/parley.db, as on a hub's own machine (invite, backup).
    @RegisterExtension
    static final HubExtension hub = new HubExtension(
            c -> c.withOverrides(c.db().resolveSibling("home").resolve("parley.db"), null, null));

    private final Cli cli = Cli.at(hub).with("PARLEY_NAME", "alice");
    private final Path dir = hub.dir();
    private final Path home = cli.home();

    @BeforeAll
    static void fillAChannel() throws Exception {
        hub.rest().post("/api/channels/create", "{\"name\":\"exported\",\"created_by\":\"alice\"}");
        for (int i = 1; i <= 30; i++) {
            hub.rest().send("alice", "exported", "line " + i);
        }
    }

    @Test
    void invite_issues_a_fresh_token_into_the_hub_database_and_prints_its_join_code() throws Exception {
        Path db = home.resolve("parley.db");
        Cli.Result human = cli.run("invite", "--host", "hub.lan");
        assertThat(human.code()).as(human.toString()).isZero();
        JoinCode first = JoinCode.parse(human.out().strip());
        assertThat(human.out().strip()).startsWith("parley://hub.lan:" + hub.port() + "#");
        assertThat(human.err()).contains("parley join parley://hub.lan:").contains("a new token, shown only now");

        JsonNode json = cli.run("invite", "--json").json();
        JoinCode code = JoinCode.parse(json.path("join_code").asText());
        assertThat(code.token()).hasSize(43).isNotEqualTo(first.token());
        assertThat(code.port()).isEqualTo(hub.port());
        assertThat(json.path("token_from").asText()).endsWith("parley.db");
        // Only hashes are stored (the hub's own tests check that it accepts them).
        String newest = query(db, "SELECT hash FROM hub_tokens ORDER BY id DESC LIMIT 1");
        assertThat(dev.parley.server.auth.Secrets.matches(code.token(), newest)).isTrue();
        assertThat(query(db, "SELECT count(*) FROM hub_tokens WHERE hash LIKE '%" + code.token() + "%'")).isEqualTo("0");
    }

    @Test
    void invite_for_a_remote_hub_uses_the_configured_token_and_fails_without_one() throws Exception {
        Cli remote = new Cli("http://192.0.2.10:9700", Files.createTempDirectory(dir, "remote"));
        Cli.Result missing = remote.run("invite");
        assertThat(missing.code()).as(missing.toString()).isEqualTo(Exit.NOT_FOUND.code());
        assertThat(missing.err()).contains("no hub token known");

        Cli.Result configured = remote.with("PARLEY_TOKEN", "s3cret").run("invite");
        assertThat(configured.code()).as(configured.toString()).isZero();
        assertThat(configured.out().strip()).isEqualTo("parley://192.0.2.10:9700#s3cret");
    }

    @Test
    void join_stores_the_hub_url_and_token_which_later_commands_use() throws Exception {
        Cli fresh = new Cli(null, Files.createTempDirectory(dir, "joiner")).with("PARLEY_NAME", "joiner");
        Cli.Result joined = fresh.run("join", "parley://127.0.0.1:" + hub.port() + "#tok3n");
        assertThat(joined.code()).as(joined.toString()).isZero();
        assertThat(joined.out()).contains("joined http://127.0.0.1:" + hub.port()).contains("the hub answers");
        String config = Files.readString(fresh.home().resolve("config.properties"));
        assertThat(config).contains("server_url=http://127.0.0.1:" + hub.port()).contains("token=tok3n");

        JsonNode status = fresh.run("status", "--json").json();
        assertThat(status.path("server_url").asText()).isEqualTo(hub.url());

        JsonNode again = fresh.run("--json", "join", "parley://127.0.0.1:" + hub.port() + "#tok3n").json();
        assertThat(again.path("reachable").asBoolean()).isTrue();
    }

    @Test
    void join_refuses_something_that_is_not_a_join_code() throws Exception {
        Cli.Result result = cli.run("join", "http://example.com");
        assertThat(result.code()).isEqualTo(Exit.USAGE.code());
        assertThat(result.err()).contains("not a join code").contains("parley://host:port#token");
    }

    @Test
    void backup_copies_the_live_database_while_the_hub_serves() throws Exception {
        Cli.Result human = cli.run("backup");
        assertThat(human.code()).as(human.toString()).isZero();
        assertThat(human.out()).contains("backed up").contains(home.resolve("backups").toString());
        try (var files = Files.list(home.resolve("backups"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(name -> name.matches("parley-\\d{8}-\\d{6}\\.db"));
        }

        Path target = dir.resolve("copies/one.db");
        JsonNode json = cli.run("backup", target.toString(), "--json").json();
        assertThat(json.path("path").asText()).isEqualTo(target.toString());
        assertThat(json.path("bytes").asLong()).isEqualTo(Files.size(target));
        assertThat(query(target, "SELECT count(*) FROM messages WHERE body LIKE 'line %'")).isEqualTo("30");

        hub.rest().send("alice", "exported", "still serving");
        Cli.Result exists = cli.run("backup", target.toString());
        assertThat(exists.code()).isEqualTo(Exit.FILE_ERROR.code());
        assertThat(exists.err()).contains("already exists");
    }

    @Test
    void backup_without_a_local_database_is_no_database() throws Exception {
        Cli.Result result = cli.with("PARLEY_DB", dir.resolve("nothing-here.db").toString()).run("backup");
        assertThat(result.code()).isEqualTo(Exit.NO_DATABASE.code());
        assertThat(result.err()).contains("no database at");
        assertThat(Files.exists(dir.resolve("nothing-here.db"))).isFalse();
    }

    @Test
    void export_writes_one_channel_as_json_lines_in_seq_order() throws Exception {
        Cli.Result stdout = cli.run("export", "exported");
        assertThat(stdout.code()).as(stdout.toString()).isZero();
        List<JsonNode> lines = stdout.jsonLines();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(30);
        assertThat(lines.get(0).path("body").asText()).isEqualTo("line 1");
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i).path("seq").asLong()).isEqualTo(lines.get(i - 1).path("seq").asLong() + 1);
        }
        assertThat(stdout.err()).contains("exported " + lines.size() + " messages from 1 channel to stdout");

        JsonNode resumed = cli.run("export", "exported", "--after-seq", "28").jsonLines().get(0);
        assertThat(resumed.path("seq").asLong()).isEqualTo(29);
    }

    @Test
    void export_of_everything_to_a_file_reports_a_json_summary() throws Exception {
        hub.rest().send("alice", "general", "in general");
        Path file = dir.resolve("all.jsonl");
        Cli.Result result = cli.run("export", "-o", file.toString(), "--json");
        assertThat(result.code()).as(result.toString()).isZero();
        JsonNode summary = result.json();
        List<String> lines = Files.readAllLines(file);
        assertThat(summary.path("messages").asLong()).isEqualTo(lines.size());
        assertThat(summary.path("channels").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(lines).anyMatch(l -> l.contains("\"in general\"")).anyMatch(l -> l.contains("\"line 30\""));
    }

    private static String query(Path db, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }
}
