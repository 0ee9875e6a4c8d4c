package dev.parley.server.auth;

import static dev.parley.server.auth.AuthPeer.auth;
import static dev.parley.server.auth.AuthPeer.code;
import static dev.parley.server.auth.AuthPeer.once;
import static dev.parley.server.auth.AuthPeer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.store.Participants;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may give a name its key: only the registration that creates the name (issue 8, finding 6).
 * Real hubs on 127.0.0.1 in token and keys mode; loopback peers pass the token check.
 */
class NameClaimTest {
    private static final String MALLORYS_KEY = "mallory-chose-this-key";
    private static final String KATES_KEY = "kate-has-a-long-key-0123";

    @TempDir
    Path dir;

    @Test
    void a_name_first_registered_without_a_key_cannot_be_claimed_later_and_its_owner_still_gets_in() throws Exception {
        try (InProcessHub hub = start(AuthMode.TOKEN)) {
            assertThat(once(hub.port(), auth("kate", null)).path("type").asText()).isEqualTo("auth_ok");

            JsonNode socket = once(hub.port(), auth("kate", MALLORYS_KEY));
            assertThat(socket.path("code").asText()).isEqualTo("auth_failed");
            assertThat(socket.path("detail").asText()).contains("registered without a key")
                    .contains("parley keys reset kate");
            JsonNode register = once(hub.port(), auth("kate", MALLORYS_KEY).put("type", "register"));
            assertThat(register.path("code").asText()).isEqualTo("auth_failed");
            var rest = send(hub.port(), "kate", MALLORYS_KEY);
            assertThat(rest.statusCode()).isEqualTo(401);
            assertThat(rest.body()).contains("parley keys reset kate");

            assertThat(participants(hub).keyHash("kate")).as("still unclaimed").isEmpty();
            assertThat(once(hub.port(), auth("kate", null)).path("type").asText()).as("the owner gets in")
                    .isEqualTo("auth_ok");
            assertThat(send(hub.port(), "kate", null).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void the_first_registration_with_a_key_claims_the_name_on_socket_and_rest() throws Exception {
        try (InProcessHub hub = start(AuthMode.TOKEN)) {
            JsonNode first = once(hub.port(), auth("kate", KATES_KEY));
            assertThat(first.path("type").asText()).isEqualTo("auth_ok");
            assertThat(first.has("key")).as("the client chose its key").isFalse();
            assertThat(once(hub.port(), auth("kate", null)).path("detail").asText()).contains("is claimed");
            assertThat(once(hub.port(), auth("kate", MALLORYS_KEY)).path("detail").asText()).contains("wrong key");
            assertThat(once(hub.port(), auth("kate", KATES_KEY)).path("type").asText()).isEqualTo("auth_ok");

            assertThat(send(hub.port(), "liam", KATES_KEY).statusCode()).as("a new name over REST").isEqualTo(201);
            assertThat(send(hub.port(), "liam", null).statusCode()).isEqualTo(401);
            assertThat(send(hub.port(), "liam", KATES_KEY).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void keys_shorter_than_16_characters_are_refused_and_register_nothing() throws Exception {
        try (InProcessHub hub = start(AuthMode.TOKEN)) {
            JsonNode socket = once(hub.port(), auth("omar", "k"));
            assertThat(socket.path("code").asText()).isEqualTo("weak_key");
            assertThat(socket.path("detail").asText()).contains("at least 16 characters");
            var rest = send(hub.port(), "omar", "fifteen-chars15");
            assertThat(rest.statusCode()).isEqualTo(400);
            assertThat(code(rest)).isEqualTo("weak_key");
            assertThat(participants(hub).find("omar")).as("a refused claim registers nothing").isEmpty();

            assertThat(once(hub.port(), auth("omar", "sixteen-chars-16")).path("type").asText()).isEqualTo("auth_ok");
        }
    }

    @Test
    void keys_mode_refuses_a_name_registered_before_it_had_a_key_until_it_is_reset() throws Exception {
        try (InProcessHub hub = start(AuthMode.TOKEN)) {
            assertThat(once(hub.port(), auth("pat", null)).path("type").asText()).isEqualTo("auth_ok");
        }
        try (InProcessHub hub = start(AuthMode.KEYS)) {
            JsonNode keyless = once(hub.port(), auth("pat", null));
            assertThat(keyless.path("code").asText()).isEqualTo("auth_failed");
            assertThat(keyless.path("detail").asText()).contains("needs a key for every name")
                    .contains("parley keys reset pat");
            assertThat(once(hub.port(), auth("pat", MALLORYS_KEY)).path("code").asText()).isEqualTo("auth_failed");
            assertThat(send(hub.port(), "pat", null).statusCode()).isEqualTo(401);
            assertThat(participants(hub).keyHash("pat")).isEmpty();

            JsonNode fresh = once(hub.port(), auth("quinn", null));
            assertThat(fresh.path("key").asText()).as("a new name still gets a hub-made key").hasSize(43);
        }
    }

    @Test
    void of_concurrent_first_registrations_exactly_one_claims_the_name() throws Exception {
        try (InProcessHub hub = start(AuthMode.TOKEN)) {
            int racers = 6;
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String key = "racer-" + i + "-has-a-long-key";
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try (var client = RawSocket.connect(hub.port())) {
                        go.await();
                        client.send(auth("race", key));
                        return ((com.fasterxml.jackson.databind.node.ObjectNode) AuthPeer.answer(client).deepCopy()).put("tried", key);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            go.countDown();
            List<JsonNode> results = answers.stream().map(CompletableFuture::join).toList();
            List<JsonNode> winners = results.stream().filter(r -> r.path("type").asText().equals("auth_ok")).toList();
            assertThat(winners).hasSize(1);
            assertThat(results).filteredOn(r -> r.path("type").asText().equals("error"))
                    .allSatisfy(r -> assertThat(r.path("detail").asText()).contains("wrong key"));
            String winner = winners.get(0).path("tried").asText();
            assertThat(once(hub.port(), auth("race", winner)).path("type").asText()).isEqualTo("auth_ok");
        }
    }

    private InProcessHub start(AuthMode mode) throws Exception {
        return InProcessHub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0, mode, Limits.DEFAULTS));
    }

    private static Participants participants(InProcessHub hub) {
        return hub.hub().services().store().participants();
    }
}
