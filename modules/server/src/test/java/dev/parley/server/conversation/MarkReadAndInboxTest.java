package dev.parley.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mark_read (REST and socket) and the inbox that hands each unread message out once. */
class MarkReadAndInboxTest {
    @TempDir
    static Path dir;
    private static InProcessHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = InProcessHub.start(dir);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void mark_read_moves_the_read_cursor_up_to_a_seq_or_to_the_newest() throws Exception {
        create("reading");
        send("rita", "reading", "joined");
        send("quinn", "reading", "hi");
        long second = send("ann", "reading", "one").path("seq").asLong();
        send("ann", "reading", "two");
        send("ann", "reading", "three");
        assertThat(unread("rita", "reading")).isEqualTo(4);

        HttpResponse<String> upToSecond = hub.post("/api/mark-read",
                "{\"participant\":\"rita\",\"channel\":\"reading\",\"seq\":" + second + "}");
        assertThat(upToSecond.statusCode()).as(upToSecond.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(upToSecond.body()).path("moved").asBoolean()).isTrue();
        assertThat(unread("rita", "reading")).isEqualTo(2);

        try (RawSocket rita = hub.client("rita")) {
            rita.send("mark_read", "channel", "reading", "client_msg_id", "r1");
            JsonNode marked = rita.await("marked_read");
            assertThat(marked.path("client_msg_id").asText()).isEqualTo("r1");
            assertThat(marked.path("moved").asBoolean()).isTrue();
            rita.send("mark_read", "channel", "dm:ann:quinn");
            assertThat(rita.await("error").path("code").asText()).as("another pair's DM").isEqualTo("channel_not_found");
        }
        assertThat(unread("rita", "reading")).isZero();
        assertThat(hub.post("/api/mark-read", "{\"participant\":\"rita\",\"channel\":\"reading\",\"seq\":-1}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void the_inbox_hands_each_unread_message_out_once_in_pages_and_never_what_is_not_for_the_reader()
            throws Exception {
        create("inbox-room");
        send("ivan", "inbox-room", "here");
        for (int i = 1; i <= 5; i++) {
            send("ann", "inbox-room", "note " + i);
        }
        send("ivan", "inbox-room", "my own words");
        List<String> seen = new ArrayList<>();
        seen.addAll(bodies(inbox("ivan", 3)));
        seen.addAll(bodies(inbox("ivan", 3)));
        assertThat(seen).containsExactly("note 1", "note 2", "note 3", "note 4", "note 5");
        assertThat(inbox("ivan", 10)).isEmpty();

        send("ann", "inbox-room", "note 6");
        assertThat(bodies(inbox("ivan", 10))).containsExactly("note 6");
        assertThat(unread("ivan", "inbox-room")).isZero();
    }

    private static JsonNode inbox(String who, int limit) throws Exception {
        HttpResponse<String> response = hub.post("/api/inbox/" + who + "?limit=" + limit, "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static List<String> bodies(JsonNode messages) {
        List<String> bodies = new ArrayList<>();
        messages.forEach(m -> bodies.add(m.path("body").asText()));
        return bodies;
    }

    private static void create(String channel) {
        hub.post("/api/channels/create", "{\"name\":\"" + channel + "\",\"created_by\":\"ann\"}");
        hub.post("/api/dm", "{\"participant_a\":\"ann\",\"participant_b\":\"quinn\"}");
    }

    private static JsonNode send(String sender, String channel, String body) throws Exception {
        return Json.mapper().readTree(hub.post("/api/send", Json.mapper().createObjectNode().put("sender", sender)
                .put("channel", channel).put("body", body).toString()).body());
    }

    private static long unread(String who, String channel) throws Exception {
        for (JsonNode row : Json.mapper().readTree(hub.get("/api/unread/" + who).body())) {
            if (row.path("channel_name").asText().equals(channel)) {
                return row.path("unread").asLong();
            }
        }
        return 0;
    }
}
