package dev.parley.server.auth;

import static dev.parley.server.auth.AuthPeer.auth;
import static dev.parley.server.auth.AuthPeer.cli;
import static dev.parley.server.auth.AuthPeer.once;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.Exit;
import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.testing.InProcessHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley keys reset NAME [--new]} on the hub's machine, run (in this JVM, through the CLI's own
 * entry point) against the database of a hub that keeps serving; the hub sees the change at once.
 */
class KeysResetTest {
    private static final String OLD_KEY = "the-key-rita-lost-0001";
    private static final String NEW_KEY = "the-key-rita-chose-0002";

    @TempDir
    Path dir;

    @Test
    void reset_with_new_prints_a_key_that_works_at_once_and_the_old_one_stops_working() throws Exception {
        try (InProcessHub hub = start(AuthMode.KEYS)) {
            String old = once(hub.port(), auth("quinn", null)).path("key").asText();

            AuthPeer.Run reset = cli(db(), hub.port(), "keys", "reset", "quinn", "--new");
            assertThat(reset.code()).as(reset.toString()).isZero();
            String fresh = reset.out().strip();
            assertThat(fresh).hasSize(43).isNotEqualTo(old);
            assertThat(reset.err()).contains("shown only now");

            assertThat(once(hub.port(), auth("quinn", old)).path("detail").asText()).contains("wrong key");
            assertThat(once(hub.port(), auth("quinn", fresh)).path("type").asText()).isEqualTo("auth_ok");
        }
    }

    @Test
    void reset_without_new_lets_the_next_connection_set_the_key() throws Exception {
        try (InProcessHub hub = start(AuthMode.TOKEN)) {
            assertThat(once(hub.port(), auth("rita", OLD_KEY)).path("type").asText()).isEqualTo("auth_ok");

            JsonNode reset = cli(db(), hub.port(), "--json", "keys", "reset", "rita").json();
            assertThat(reset.path("name").asText()).isEqualTo("rita");
            assertThat(reset.path("key").isNull()).isTrue();

            assertThat(AuthPeer.send(hub.port(), "rita", NEW_KEY).statusCode())
                    .as("the next use of the name, here a REST send, sets the key").isEqualTo(201);
            assertThat(once(hub.port(), auth("rita", OLD_KEY)).path("detail").asText()).contains("wrong key");
            assertThat(once(hub.port(), auth("rita", null)).path("detail").asText()).contains("is claimed");
            assertThat(once(hub.port(), auth("rita", NEW_KEY)).path("type").asText()).isEqualTo("auth_ok");
        }
    }

    @Test
    void reset_is_the_way_to_give_a_key_to_a_name_registered_without_one() throws Exception {
        try (InProcessHub hub = start(AuthMode.TOKEN)) {
            once(hub.port(), auth("sam", null));
            assertThat(once(hub.port(), auth("sam", NEW_KEY)).path("code").asText()).isEqualTo("auth_failed");

            assertThat(cli(db(), hub.port(), "keys", "reset", "sam").code()).isZero();
            assertThat(once(hub.port(), auth("sam", NEW_KEY)).path("type").asText()).isEqualTo("auth_ok");
            assertThat(once(hub.port(), auth("sam", null)).path("detail").asText()).contains("is claimed");
        }
    }

    @Test
    void reset_of_a_name_nobody_registered_is_not_found() throws Exception {
        try (InProcessHub hub = start(AuthMode.KEYS)) {
            AuthPeer.Run reset = cli(db(), hub.port(), "keys", "reset", "nobody", "--new");
            assertThat(reset.code()).isEqualTo(Exit.NOT_FOUND.code());
            assertThat(reset.err()).contains("no participant 'nobody'");
            assertThat(reset.out()).isEmpty();
        }
    }

    private Path db() {
        return dir.resolve("hub.db");
    }

    private InProcessHub start(AuthMode mode) throws Exception {
        return InProcessHub.start(new HubConfig(db(), "127.0.0.1", 0, mode, Limits.DEFAULTS));
    }
}
