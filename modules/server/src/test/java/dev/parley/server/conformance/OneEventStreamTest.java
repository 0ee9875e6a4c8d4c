package dev.parley.server.conformance;

import static dev.parley.server.conformance.WireShapes.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket and REST share one domain service, and what others learn of a change comes from the store's one event
 * stream, whichever face made it: members who joined over REST (by join, by a first post, by registering, by a DM)
 * get the next socket message at once, and edits, reactions and deletes made over REST reach the members' sockets
 * as the same frames the socket's own would.
 */
class OneEventStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static Predicate<JsonNode> body(String text) {
        return f -> "message".equals(f.path("type").asText()) && text.equals(f.path("body").asText());
    }

    @Test
    void members_made_over_rest_hear_the_next_socket_message() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice", "*");
             RawSocket bob = hub.client("bob", "*");
             RawSocket carol = hub.client("carol", "*")) {
            assertThat(hub.post("/api/channels/create", "{\"name\":\"ops\",\"created_by\":\"alice\"}").statusCode())
                    .isEqualTo(201);
            alice.send("send", "channel", "ops", "body", "before anyone else", "client_msg_id", "o-1");
            alice.await("sent"); // the hub now holds ops' members in memory: only alice

            assertThat(hub.post("/api/channels/join", "{\"channel\":\"ops\",\"participant\":\"bob\"}").statusCode())
                    .isEqualTo(200);
            alice.send("send", "channel", "ops", "body", "bob joined over REST");
            bob.await(body("bob joined over REST"), WAIT);

            assertThat(hub.post("/api/send", "{\"sender\":\"carol\",\"channel\":\"ops\",\"body\":\"first post\"}")
                    .statusCode()).isEqualTo(201);
            alice.await(body("first post"), WAIT);
            alice.send("send", "channel", "ops", "body", "carol joined by posting");
            carol.await(body("carol joined by posting"), WAIT);

            // A new name registered by a REST send joins general like a socket's registration.
            assertThat(hub.post("/api/send", "{\"sender\":\"dave\",\"channel\":\"ops\",\"body\":\"new here\"}")
                    .statusCode()).isEqualTo(201);
            try (RawSocket dave = hub.client("dave", "*")) {
                alice.send("send", "channel", "general", "body", "hello general");
                dave.await(body("hello general"), WAIT);
            }

            JsonNode dm = json(hub.post("/api/dm", "{\"participant_a\":\"alice\",\"participant_b\":\"bob\"}").body());
            alice.send("send", "channel", dm.get("channel_name").asText(), "body", "psst");
            assertThat(bob.await(body("psst"), WAIT).get("channel_id").asText())
                    .isEqualTo(dm.get("channel_id").asText());
            assertThat(carol.frames("message")).extracting(m -> m.get("body").asText()).doesNotContain("psst");
        }
    }

    @Test
    void edits_reactions_and_deletes_made_over_rest_reach_the_members_sockets() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice", "*");
             RawSocket bob = hub.client("bob", "*")) {
            alice.send("send", "channel", "general", "body", "draft", "client_msg_id", "d-1");
            String id = alice.await("sent").get("message_id").asText();

            HttpResponse<String> edit = hub.request("PATCH", "/api/messages/" + id,
                    "{\"participant\":\"alice\",\"body\":\"final\"}");
            assertThat(edit.statusCode()).isEqualTo(200);
            JsonNode edited = bob.await("message_edited");
            assertThat(edited.get("message_id").asText()).isEqualTo(id);
            assertThat(edited.get("body").asText()).isEqualTo("final");

            String react = "{\"message_id\":\"" + id + "\",\"participant\":\"bob\",\"emoji\":\"👍\"}";
            JsonNode added = json(hub.post("/api/react", react).body());
            assertThat(added.get("action").asText()).isEqualTo("add");
            assertThat(added.get("changed").asBoolean()).isTrue();
            assertThat(added.get("reactions")).hasSize(1);
            JsonNode reaction = alice.await("reaction");
            assertThat(reaction.get("participant").asText()).isEqualTo("bob");
            assertThat(reaction.get("action").asText()).isEqualTo("add");

            JsonNode removed = json(hub.post("/api/react", react).body()); // no 'remove': toggles
            assertThat(removed.get("action").asText()).isEqualTo("remove");
            assertThat(removed.get("reactions")).isEmpty();
            assertThat(alice.awaitCount(f -> "reaction".equals(f.path("type").asText()), 2, WAIT).get(1)
                    .get("action").asText()).isEqualTo("remove");

            assertThat(hub.request("DELETE", "/api/messages/" + id + "?participant=alice", null).statusCode())
                    .isEqualTo(200);
            assertThat(bob.await("message_deleted").get("message_id").asText()).isEqualTo(id);
            // The socket's own edit of another message reaches the same way, once.
            alice.send("send", "channel", "general", "body", "second", "client_msg_id", "d-2");
            String second = alice.awaitCount(f -> "sent".equals(f.path("type").asText()), 2, WAIT).get(1)
                    .get("message_id").asText();
            alice.send("edit", "message_id", second, "body", "second, edited");
            JsonNode socketEdit = bob.awaitCount(f -> "message_edited".equals(f.path("type").asText()), 2, WAIT).get(1);
            assertThat(socketEdit.get("body").asText()).isEqualTo("second, edited");
        }
    }
}
