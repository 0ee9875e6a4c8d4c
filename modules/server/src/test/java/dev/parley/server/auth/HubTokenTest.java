package dev.parley.server.auth;

import static dev.parley.server.auth.AuthPeer.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.testing.InProcessHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub token at rest is a salted hash (issue 8, finding 7), several tokens are valid at once, and
 * {@code parley invite} on the hub's machine issues fresh ones (and with {@code --rotate} revokes the
 * others) while the hub runs.
 */
class HubTokenTest {
    @TempDir
    Path dir;

    @Test
    void the_hub_token_is_stored_only_as_a_salted_hash() throws Exception {
        String first;
        String issued;
        try (InProcessHub hub = start()) {
            HubToken tokens = hub.hub().services().auth().hubToken();
            first = tokens.createdNow().orElseThrow();
            issued = tokens.issue("a test peer", false);
            assertThat(tokens.accepts(first)).isTrue();
            assertThat(tokens.accepts(issued)).isTrue();
            assertThat(tokens.accepts(first + "x")).isFalse();
            assertThat(fileText()).as("while serving: db and -wal").doesNotContain(first).doesNotContain(issued);
        }
        assertThat(fileText()).doesNotContain(first).doesNotContain(issued);
        List<String> hashes = rows("SELECT hash FROM hub_tokens WHERE revoked_at IS NULL ORDER BY id");
        assertThat(hashes).hasSize(2).allMatch(h -> h.matches("[0-9a-f]{32}\\$[0-9a-f]{64}"));
        assertThat(Secrets.matches(first, hashes.get(0))).isTrue();
        assertThat(Secrets.matches(issued, hashes.get(1))).isTrue();
        assertThat(rows("SELECT value FROM hub_settings WHERE key = 'hub_token'")).isEmpty();

        try (InProcessHub again = start()) {
            HubToken tokens = again.hub().services().auth().hubToken();
            assertThat(tokens.createdNow()).as("made once, at the first start").isEmpty();
            assertThat(tokens.accepts(first)).isTrue();
        }
    }

    @Test
    void a_plain_text_token_left_by_an_older_hub_is_hashed_at_start_and_keeps_working() throws Exception {
        start().close();
        String plain = "an-older-hub-stored-me-in-plain-text-000000";
        // What a hub before 0003_hub_tokens left behind: the token in hub_settings, no hub_tokens table.
        sql("DROP TABLE hub_tokens", "ALTER TABLE participants DROP COLUMN key_reset",
                "DELETE FROM migrations WHERE name = '0003_hub_tokens'",
                "INSERT INTO hub_settings(key, value) VALUES ('hub_token', '" + plain + "')");
        assertThat(fileText()).contains(plain);

        try (InProcessHub hub = start()) {
            HubToken tokens = hub.hub().services().auth().hubToken();
            assertThat(tokens.accepts(plain)).isTrue();
            assertThat(tokens.createdNow()).as("the old token is the hub's token: no new one").isEmpty();
        }
        assertThat(rows("SELECT value FROM hub_settings WHERE key = 'hub_token'")).isEmpty();
        sql("VACUUM"); // the deleted row's bytes may linger in free pages until then
        assertThat(fileText()).doesNotContain(plain);
    }

    @Test
    void invite_on_the_hub_machine_issues_a_fresh_token_the_running_hub_accepts_and_rotate_revokes_the_others()
            throws Exception {
        try (InProcessHub hub = start()) {
            Authenticator auth = hub.hub().services().auth();
            String created = auth.hubToken().createdNow().orElseThrow();

            String one = invite(hub, "invite");
            String two = invite(hub, "invite");
            assertThat(one).hasSize(43).isNotEqualTo(two).isNotEqualTo(created);
            assertThat(acceptedFromAnotherMachine(auth, one)).as("at once, while the hub runs").isTrue();
            assertThat(acceptedFromAnotherMachine(auth, two)).isTrue();
            assertThat(acceptedFromAnotherMachine(auth, created)).as("earlier tokens keep working").isTrue();

            String three = invite(hub, "invite", "--rotate");
            assertThat(acceptedFromAnotherMachine(auth, three)).isTrue();
            AuthPeer.await(() -> !acceptedFromAnotherMachine(auth, one) && !acceptedFromAnotherMachine(auth, two)
                    && !acceptedFromAnotherMachine(auth, created), AuthPeer.WAIT, "rotate revokes the earlier tokens");
            assertThat(rows("SELECT count(*) FROM hub_tokens WHERE revoked_at IS NULL")).containsExactly("1");
        }
    }

    /** Runs invite --json, checks the join code's shape, and returns its token. */
    private String invite(InProcessHub hub, String... args) {
        List<String> all = new ArrayList<>(List.of("--json"));
        all.addAll(List.of(args));
        all.addAll(List.of("--host", "hub.lan"));
        AuthPeer.Run run = cli(db(), hub.port(), all.toArray(String[]::new));
        assertThat(run.code()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.path("issued").asBoolean()).isTrue();
        String code = json.path("join_code").asText();
        assertThat(code).startsWith("parley://hub.lan:" + hub.port() + "#");
        return code.substring(code.indexOf('#') + 1);
    }

    /** The token check a peer on another machine meets (socket auth and REST alike). */
    private static boolean acceptedFromAnotherMachine(Authenticator auth, String token) {
        try {
            auth.checkToken(new Authenticator.Credentials(false, "192.0.2.7", token, null, null));
            return true;
        } catch (dev.parley.protocol.ProtocolException e) {
            return false;
        }
    }

    private Path db() {
        return dir.resolve("hub.db");
    }

    private InProcessHub start() throws Exception {
        return InProcessHub.start(new HubConfig(db(), "127.0.0.1", 0, AuthMode.TOKEN,
                Limits.DEFAULTS.withProofs(new ProofThrottle.Policy(5, 1_000, java.time.Duration.ofSeconds(1)))));
    }

    /** The database and its -wal as text (ISO-8859-1: every byte one char), to search for secrets. */
    private String fileText() throws Exception {
        StringBuilder text = new StringBuilder();
        for (String suffix : List.of("", "-wal")) {
            Path file = dir.resolve("hub.db" + suffix);
            if (Files.exists(file)) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }

    private List<String> rows(String query) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private void sql(String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
