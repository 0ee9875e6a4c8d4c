package dev.parley.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mentions through the real hub: parsed once when stored, shown on the message, counted apart when unread. */
class MentionsTest {
    @TempDir
    static Path dir;
    private static InProcessHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = InProcessHub.start(dir);
        for (String name : new String[] {"ann", "bob", "bob.smith", "carl"}) {
            hub.post("/api/send", "{\"sender\":\"" + name + "\",\"channel\":\"general\",\"body\":\"here\"}");
        }
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void registered_names_after_an_at_are_mentions_and_nothing_else_is() throws Exception {
        JsonNode sent = send("ann", "@bob can you look? cc @bob.smith, @carl. Not @nobody, not mail@bob or x@carl; @bob again");
        assertThat(sent.path("mentions").toString()).isEqualTo("[\"bob\",\"bob.smith\",\"carl\"]");
        JsonNode none = send("ann", "no one here, just an email bob@example.com");
        assertThat(none.has("mentions")).isFalse();
        JsonNode row = Json.mapper().readTree(hub.get("/api/message/" + sent.path("message_id").asText()).body());
        assertThat(row.path("mentions").toString()).isEqualTo("[\"bob\",\"bob.smith\",\"carl\"]");
    }

    @Test
    void a_body_full_of_at_tokens_looks_up_only_the_first_two_hundred() throws Exception {
        StringBuilder body = new StringBuilder("@carl first. ");
        for (int i = 0; i < 3_000; i++) {
            body.append("@n").append(i).append(' ');
        }
        body.append("@bob last");
        JsonNode sent = send("ann", body.toString());
        assertThat(sent.path("mentions").toString()).as("bob comes after the lookup budget").isEqualTo("[\"carl\"]");
    }

    @Test
    void a_mention_reaches_the_socket_on_the_message_and_unread_mentions_are_counted_apart() throws Exception {
        try (RawSocket dora = hub.client("dora")) {
            long before = mentionsOf("dora");
            send("ann", "hello all");
            send("ann", "@dora please review");
            JsonNode frame = dora.await(f -> f.path("type").asText().equals("message")
                    && f.path("body").asText().startsWith("@dora"), Duration.ofSeconds(10));
            assertThat(frame.path("mentions").get(0).asText()).isEqualTo("dora");
            assertThat(mentionsOf("dora")).isEqualTo(before + 1);
            JsonNode general = unreadGeneral("dora");
            assertThat(general.path("unread").asLong()).isGreaterThan(general.path("mentions").asLong());
        }
    }

    @Test
    void an_edit_re_reads_the_mentions_and_a_delete_drops_them() throws Exception {
        JsonNode sent = send("carl", "@ann first");
        String id = sent.path("message_id").asText();
        JsonNode edited = Json.mapper().readTree(hub.request("PATCH", "/api/messages/" + id,
                "{\"participant\":\"carl\",\"body\":\"@bob instead\"}").body());
        assertThat(edited.path("mentions").toString()).as(edited.toString()).isEqualTo("[\"bob\"]");
        hub.request("DELETE", "/api/messages/" + id + "?participant=carl", null);
        JsonNode gone = Json.mapper().readTree(hub.get("/api/message/" + id).body());
        assertThat(gone.has("mentions")).isFalse();
    }

    private static JsonNode send(String sender, String body) throws Exception {
        String json = Json.mapper().createObjectNode().put("sender", sender).put("channel", "general").put("body", body)
                .toString();
        return Json.mapper().readTree(hub.post("/api/send", json).body());
    }

    private static long mentionsOf(String participant) throws Exception {
        JsonNode row = unreadGeneral(participant);
        return row == null ? 0 : row.path("mentions").asLong();
    }

    private static JsonNode unreadGeneral(String participant) throws Exception {
        for (JsonNode row : Json.mapper().readTree(hub.get("/api/unread/" + participant).body())) {
            if (row.path("channel_name").asText().equals("general")) {
                return row;
            }
        }
        return null;
    }
}
