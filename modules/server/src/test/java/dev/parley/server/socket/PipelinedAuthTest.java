package dev.parley.server.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.HubConfig;
import dev.parley.server.auth.AuthMode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code auth}'s registration is written without a socket thread waiting for it; frames a client sends right
 * behind the auth, without waiting for {@code auth_ok}, are still handled after it, as the participant it made.
 */
class PipelinedAuthTest {
    @TempDir
    Path dir;

    private static List<String> types(RawSocket socket) {
        return socket.frames().stream().map(f -> f.path("type").asText()).toList();
    }

    @Test
    void frames_sent_right_behind_auth_are_handled_after_it_in_order() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket alice = RawSocket.connect(hub.port())) {
            alice.sendText("{\"type\":\"auth\",\"name\":\"alice\",\"features\":[\"acked_send\"]}");
            alice.sendText("{\"type\":\"send\",\"channel\":\"general\",\"body\":\"at once\",\"client_msg_id\":\"p-1\"}");
            alice.sendText("{\"type\":\"ping\"}");

            JsonNode sent = alice.await("sent");
            alice.await("pong");
            assertThat(types(alice)).doesNotContain("error");
            assertThat(types(alice).get(0)).isEqualTo("auth_ok");
            alice.sendText("{\"type\":\"history\",\"channel\":\"general\"}");
            JsonNode history = alice.await("history_result");
            assertThat(history.get("messages")).extracting(m -> m.get("sender").asText() + ": " + m.get("body").asText())
                    .containsExactly("alice: at once");
            assertThat(sent.get("client_msg_id").asText()).isEqualTo("p-1");
        }
    }

    @Test
    void a_refused_auth_is_answered_and_the_frames_behind_it_are_not_handled_as_anyone() throws Exception {
        HubConfig config = new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0, AuthMode.KEYS,
                dev.parley.server.Limits.DEFAULTS);
        try (InProcessHub hub = InProcessHub.start(config)) {
            String key;
            try (RawSocket owner = RawSocket.connect(hub.port())) {
                owner.sendText("{\"type\":\"auth\",\"name\":\"kate\"}");
                key = owner.await("auth_ok").get("key").asText();
            }
            assertThat(key).isNotBlank();
            try (RawSocket mallory = RawSocket.connect(hub.port())) {
                mallory.sendText("{\"type\":\"auth\",\"name\":\"kate\",\"key\":\"not-kate-s-key-at-all\"}");
                mallory.sendText("{\"type\":\"send\",\"channel\":\"general\",\"body\":\"as kate?\"}");
                mallory.sendText("{\"type\":\"ping\"}");
                mallory.await("pong");
                List<JsonNode> errors = mallory.frames("error");
                assertThat(errors).extracting(e -> e.get("code").asText())
                        .containsExactly("auth_failed", "not_authenticated");
                assertThat(types(mallory)).doesNotContain("auth_ok");
            }
        }
    }
}
