package dev.parley.server.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A channel's life after create, over REST through the real hub: leave, rename, topic, archive, delete. */
class ChannelLifeCycleTest {
    @TempDir
    Path dir;
    private InProcessHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = InProcessHub.start(dir);
        assertThat(post("/api/channels/create", "{\"name\":\"ops\",\"created_by\":\"alice\"}").statusCode())
                .isEqualTo(201);
        assertThat(post("/api/channels/join", "{\"channel\":\"ops\",\"participant\":\"bob\"}").statusCode())
                .isEqualTo(200);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_member_leaves_and_general_cannot_be_left() throws Exception {
        HttpResponse<String> left = post("/api/channels/leave", "{\"channel\":\"ops\",\"participant\":\"bob\"}");

        assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
        assertThat(json(left).path("name").asText()).isEqualTo("ops");
        assertThat(post("/api/channels/leave", "{\"channel\":\"ops\",\"participant\":\"bob\"}").body())
                .contains("not_a_member");
        HttpResponse<String> general = post("/api/channels/leave", "{\"channel\":\"general\",\"participant\":\"bob\"}");
        assertThat(general.statusCode()).isEqualTo(403);
        assertThat(general.body()).contains("general cannot be left");
    }

    @Test
    void the_creator_renames_with_the_create_rules_and_others_may_not() throws Exception {
        HttpResponse<String> byBob = post("/api/channels/rename",
                "{\"channel\":\"ops\",\"participant\":\"bob\",\"name\":\"bobs\"}");
        assertThat(byBob.statusCode()).isEqualTo(403);
        assertThat(byBob.body()).contains("not_allowed").contains("its creator, alice");

        assertThat(post("/api/channels/rename", "{\"channel\":\"ops\",\"participant\":\"alice\",\"name\":\"no/slash\"}")
                .body()).contains("bad_name");
        HttpResponse<String> renamed = post("/api/channels/rename",
                "{\"channel\":\"ops\",\"participant\":\"alice\",\"name\":\"Ops Room\"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).path("name").asText()).isEqualTo("ops-room");
        assertThat(names("/api/channels")).contains("ops-room").doesNotContain("ops");
        assertThat(post("/api/channels/rename", "{\"channel\":\"ops-room\",\"participant\":\"alice\","
                + "\"name\":\"general\"}").body()).contains("bad_name").contains("exists already");
    }

    @Test
    void any_member_sets_the_topic_and_a_stranger_may_not() throws Exception {
        HttpResponse<String> set = post("/api/channels/topic",
                "{\"channel\":\"ops\",\"participant\":\"bob\",\"topic\":\"incidents only\"}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(set).path("topic").asText()).isEqualTo("incidents only");
        assertThat(post("/api/channels/topic", "{\"channel\":\"ops\",\"participant\":\"carol\",\"topic\":\"x\"}")
                .body()).contains("not_a_member");
    }

    @Test
    void an_archived_channel_refuses_posts_is_listed_only_when_asked_and_can_be_unarchived() throws Exception {
        HttpResponse<String> archived = post("/api/channels/archive", "{\"channel\":\"ops\",\"participant\":\"alice\"}");
        assertThat(archived.statusCode()).as(archived.body()).isEqualTo(200);
        assertThat(json(archived).path("archived_at").asText()).isNotEmpty();

        HttpResponse<String> send = post("/api/send", "{\"sender\":\"bob\",\"channel\":\"ops\",\"body\":\"hi\"}");
        assertThat(send.statusCode()).isEqualTo(409);
        assertThat(send.body()).contains("channel_archived");
        try (RawSocket bob = hub.client("bob")) {
            bob.send("send", "channel", "ops", "body", "over the socket");
            assertThat(bob.await("error").path("code").asText()).isEqualTo("channel_archived");
        }
        assertThat(names("/api/channels")).doesNotContain("ops");
        assertThat(names("/api/channels?include_archived=true")).contains("ops");
        assertThat(post("/api/channels/unarchive", "{\"channel\":\"ops\",\"participant\":\"bob\"}").statusCode())
                .isEqualTo(403);

        assertThat(post("/api/channels/unarchive", "{\"channel\":\"ops\",\"participant\":\"alice\"}").statusCode())
                .isEqualTo(200);
        assertThat(post("/api/send", "{\"sender\":\"bob\",\"channel\":\"ops\",\"body\":\"hi\"}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void the_creator_deletes_a_channel_and_its_messages_are_gone() throws Exception {
        HttpResponse<String> sent = post("/api/send", "{\"sender\":\"bob\",\"channel\":\"ops\",\"body\":\"doomed\"}");
        String messageId = json(sent).path("message_id").asText();
        assertThat(post("/api/channels/delete", "{\"channel\":\"ops\",\"participant\":\"bob\"}").statusCode())
                .isEqualTo(403);

        HttpResponse<String> deleted = post("/api/channels/delete", "{\"channel\":\"ops\",\"participant\":\"alice\"}");

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(names("/api/channels?include_archived=true")).doesNotContain("ops");
        assertThat(hub.get("/api/messages/ops").statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/message/" + messageId).statusCode()).isEqualTo(404);
        assertThat(post("/api/send", "{\"sender\":\"bob\",\"channel\":\"ops\",\"body\":\"hi\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void socket_frames_change_a_channel_and_its_members_hear_channel_changed() throws Exception {
        try (RawSocket alice = hub.client("alice", "channels"); RawSocket bob = hub.client("bob", "channels");
             RawSocket compat = hub.client("bob")) {
            alice.send("rename_channel", "channel", "ops", "name", "war-room", "client_msg_id", "r1");
            JsonNode answer = alice.await("channel");
            assertThat(answer.path("client_msg_id").asText()).isEqualTo("r1");
            assertThat(answer.path("change").asText()).isEqualTo("renamed");
            JsonNode heard = bob.await("channel_changed");
            assertThat(heard.path("change").asText()).isEqualTo("renamed");
            assertThat(heard.path("channel").path("name").asText()).isEqualTo("war-room");

            bob.send("set_topic", "channel", "war-room", "topic", "the outage");
            assertThat(alice.await(f -> f.path("type").asText().equals("channel_changed")
                    && f.path("change").asText().equals("topic"), Duration.ofSeconds(10))
                    .path("channel").path("topic").asText()).isEqualTo("the outage");

            bob.send("archive_channel", "channel", "war-room");
            assertThat(bob.await("error").path("code").asText()).isEqualTo("not_allowed");
            alice.send("archive_channel", "channel", "war-room");
            assertThat(bob.await(f -> f.path("change").asText().equals("archived"), Duration.ofSeconds(10))
                    .path("channel").path("archived_at").asText()).isNotEmpty();
            alice.send(Json.mapper().createObjectNode().put("type", "archive_channel").put("channel", "war-room")
                    .put("archived", false));
            bob.await(f -> f.path("change").asText().equals("unarchived"), Duration.ofSeconds(10));

            bob.send("leave_channel", "channel", "war-room");
            assertThat(alice.await(f -> f.path("change").asText().equals("member_left"),
                    Duration.ofSeconds(10)).path("participant").asText()).isEqualTo("bob");
            alice.send("delete_channel", "channel", "war-room", "client_msg_id", "d1");
            assertThat(alice.await(f -> f.path("change").asText().equals("deleted")
                    && f.path("type").asText().equals("channel_changed"), Duration.ofSeconds(10))
                    .path("channel_id").asText()).isNotEmpty();
            compat.roundTrip();
            assertThat(compat.frames("channel_changed")).as("only sessions that asked for 'channels'").isEmpty();
        }
    }

    private HttpResponse<String> post(String path, String body) {
        return hub.post(path, body);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }

    private List<String> names(String path) throws Exception {
        List<String> names = new ArrayList<>();
        json(hub.get(path)).forEach(c -> names.add(c.path("name").asText()));
        return names;
    }
}
