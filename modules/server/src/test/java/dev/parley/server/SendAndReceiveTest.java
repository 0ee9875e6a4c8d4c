package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendAndReceiveTest {
    @TempDir
    Path dir;

    @Test
    void a_message_reaches_every_online_member_but_not_its_sender() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice");
             RawSocket bob = hub.client("bob");
             RawSocket carol = hub.client("carol")) {
            alice.send("send", "channel", "general", "body", "hello all");

            JsonNode atBob = bob.await("message");
            JsonNode atCarol = carol.await("message");
            alice.roundTrip();

            assertThat(atBob.get("body").asText()).isEqualTo("hello all");
            assertThat(atBob.get("sender").asText()).isEqualTo("alice");
            assertThat(atBob.get("channel_name").asText()).isEqualTo("general");
            assertThat(atBob.get("channel_id").asText()).isEqualTo("ch-general");
            assertThat(atBob.get("message_id").asText()).matches("ty-[0-9a-f]{12}");
            assertThat(atBob.get("seq").asLong()).isEqualTo(1);
            assertThat(atCarol.get("message_id")).isEqualTo(atBob.get("message_id"));
            assertThat(alice.frames("message")).isEmpty();
        }
    }

    @Test
    void an_acked_send_is_answered_once_durable_and_a_resend_stores_nothing_new() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket alice = hub.client("alice", "*")) {
            alice.send("send", "channel", "general", "body", "once", "client_msg_id", "c-1");
            JsonNode sent = alice.await("sent");
            alice.send("send", "channel", "general", "body", "once", "client_msg_id", "c-1");
            JsonNode again = alice.awaitCount(f -> f.path("type").asText().equals("sent"), 2, Duration.ofSeconds(10)).get(1);

            assertThat(sent.get("client_msg_id").asText()).isEqualTo("c-1");
            assertThat(again.get("message_id")).isEqualTo(sent.get("message_id"));
            assertThat(again.get("duplicate").asBoolean()).isTrue();
            assertThat(hub.get("/health").body()).contains("\"messages\":1");
        }
    }

    @Test
    void pending_messages_are_delivered_in_order_when_a_compat_client_comes_back() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            try (RawSocket alice = hub.client("alice", "*")) {
                // Registered, never connected: certainly offline while alice sends.
                alice.send("register", "name", "bob");
                alice.await("register_ok");
                for (int i = 1; i <= 1200; i++) {
                    alice.send("send", "channel", "general", "body", "m" + i, "client_msg_id", "k" + i);
                }
                alice.awaitCount(f -> f.path("type").asText().equals("sent"), 1200, Duration.ofSeconds(30));
            }
            try (RawSocket bob = hub.client("bob")) {
                bob.awaitCount(f -> f.path("type").asText().equals("queued"), 3, Duration.ofSeconds(10));
                bob.roundTrip();
                java.util.List<String> bodies = bob.frames("queued").stream()
                        .flatMap(q -> java.util.stream.StreamSupport.stream(q.get("messages").spliterator(), false))
                        .map(m -> m.get("body").asText()).toList();
                assertThat(bodies).hasSize(1200).startsWith("m1", "m2").endsWith("m1200");
            }
        }
    }
}
