package dev.parley.server.auth;

import static dev.parley.server.auth.AuthPeer.auth;
import static dev.parley.server.auth.AuthPeer.code;
import static dev.parley.server.auth.AuthPeer.once;
import static dev.parley.server.auth.AuthPeer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.server.session.Session;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed proofs are throttled per connection and per address (issue 8, finding 6: one-character keys
 * were guessable at ~1,700 tries a second). Small policies keep the tests quick: 3 per socket, 5 per
 * address; a refill of an hour where the test must not race the clock, of a second where it waits
 * for the window to pass.
 */
class ProofThrottleTest {
    private static final ProofThrottle.Policy NO_REFILL = new ProofThrottle.Policy(3, 5, Duration.ofHours(1));
    private static final ProofThrottle.Policy ONE_A_SECOND = new ProofThrottle.Policy(3, 3, Duration.ofSeconds(1));

    @TempDir
    Path dir;

    @Test
    void a_socket_that_presents_too_many_wrong_keys_is_closed_with_1008() throws Exception {
        try (InProcessHub hub = start(NO_REFILL)) {
            once(hub.port(), auth("alice", null));
            try (RawSocket guesser = RawSocket.connect(hub.port())) {
                for (int i = 0; i < 3; i++) {
                    guesser.send(auth("alice", "guess-" + i));
                }
                guesser.awaitClosed(AuthPeer.WAIT);
                assertThat(guesser.closeCode()).isEqualTo(Session.CLOSE_POLICY);
                assertThat(guesser.frames("error")).isNotEmpty()
                        .allSatisfy(e -> assertThat(e.path("code").asText()).isEqualTo("auth_failed"));
            }
        }
    }

    @Test
    void an_address_that_guessed_too_often_is_refused_unchecked_on_every_face() throws Exception {
        try (InProcessHub hub = start(NO_REFILL)) {
            String key = once(hub.port(), auth("alice", null)).path("key").asText();
            for (int i = 0; i < 5; i++) { // sockets and REST share the address's bucket
                if (i % 2 == 0) {
                    assertThat(send(hub.port(), "alice", "wrong-key-number-" + i).statusCode()).isEqualTo(401);
                } else {
                    assertThat(once(hub.port(), auth("alice", "wrong-" + i)).path("code").asText())
                            .isEqualTo("auth_failed");
                }
            }

            var rest = send(hub.port(), "alice", key);
            assertThat(rest.statusCode()).as("the right key, unchecked").isEqualTo(429);
            assertThat(code(rest)).isEqualTo("rate_limited");
            JsonNode socket = once(hub.port(), auth("alice", key));
            assertThat(socket.path("code").asText()).isEqualTo("rate_limited");
            assertThat(socket.path("detail").asText()).contains("wait");
            assertThat(once(hub.port(), auth("bob", null)).path("type").asText())
                    .as("registering a new name proves nothing and is not throttled").isEqualTo("auth_ok");
        }
    }

    @Test
    void a_throttled_address_gets_in_again_once_its_window_passed() throws Exception {
        try (InProcessHub hub = start(ONE_A_SECOND)) {
            String key = once(hub.port(), auth("alice", null)).path("key").asText();
            int tries = 0;
            while (send(hub.port(), "alice", "wrong-key-number-" + tries).statusCode() != 429) {
                tries++;
                assertThat(tries).as("throttled after about 3 wrong keys").isLessThan(30);
            }
            assertThat(tries).isGreaterThanOrEqualTo(3);
            AuthPeer.await(() -> send(hub.port(), "alice", key).statusCode() == 201, AuthPeer.WAIT,
                    "the right key works again after a second");
            assertThat(once(hub.port(), auth("alice", key)).path("type").asText()).isEqualTo("auth_ok");
        }
    }

    private InProcessHub start(ProofThrottle.Policy policy) throws Exception {
        return InProcessHub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0, AuthMode.KEYS,
                Limits.DEFAULTS.withProofs(policy)));
    }
}
