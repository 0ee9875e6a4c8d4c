package dev.parley.server.conformance;

import static dev.parley.server.conformance.WireShapes.assertChannel;
import static dev.parley.server.conformance.WireShapes.assertMessage;
import static dev.parley.server.conformance.WireShapes.assertRestError;
import static dev.parley.server.conformance.WireShapes.assertTimestamp;
import static dev.parley.server.conformance.WireShapes.awaitJson;
import static dev.parley.server.conformance.WireShapes.frame;
import static dev.parley.server.conformance.WireShapes.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every REST endpoint of PROTOCOL.md against a real hub: status codes, JSON shapes and types,
 * defaults and limits, and {@code {"error": ...}} with 400/404 for bad input (never a 500).
 */
class CompatRestTest {
    @TempDir
    Path dir;

    @Test
    void root_and_health_report_status_product_version_and_counts() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket alice = hub.client("alice")) {
            Seeder.register(hub, "bob");
            hub.post("/api/send", "{\"sender\":\"alice\",\"channel\":\"general\",\"body\":\"hi\"}");

            for (String path : List.of("/", "/health")) {
                HttpResponse<String> response = hub.get(path);
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode health = json(response.body());
                assertThat(health.get("status").asText()).isEqualTo("ok");
                assertThat(health.get("product").isTextual()).isTrue();
                assertThat(health.get("version").isTextual()).isTrue();
                for (String count : List.of("participants", "channels", "messages", "online", "queued")) {
                    assertThat(health.get(count).isIntegralNumber()).as(count).isTrue();
                }
                assertThat(health.get("participants").asLong()).isEqualTo(2);
                assertThat(health.get("channels").asLong()).isEqualTo(1);
                assertThat(health.get("messages").asLong()).isEqualTo(1);
                assertThat(health.get("online").asLong()).isEqualTo(1);
                assertThat(health.get("queued").asLong()).as("pending for offline bob").isEqualTo(1);
            }
        }
    }

    @Test
    void channels_lists_channel_objects_with_every_field() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Seeder.register(hub, "alice");
            hub.post("/api/channels/create", "{\"name\":\"ops\",\"created_by\":\"alice\",\"topic\":\"on call\"}");

            JsonNode channels = json(hub.get("/api/channels").body());
            assertThat(channels.isArray()).isTrue();
            channels.forEach(WireShapes::assertChannel);
            assertThat(channels).extracting(c -> c.get("name").asText()).containsExactly("general", "ops");
            JsonNode general = channels.get(0);
            assertThat(general.get("channel_id").asText()).isEqualTo("ch-general");
            assertThat(general.get("channel_type").asText()).isEqualTo("group");
            assertThat(general.get("is_private").asInt()).isZero();
            JsonNode ops = channels.get(1);
            assertThat(ops.get("channel_id").asText()).matches(WireShapes.CHANNEL_ID);
            assertThat(ops.get("created_by").asText()).isEqualTo("alice");
            assertThat(ops.get("topic").asText()).isEqualTo("on call");
        }
    }

    @Test
    void messages_of_a_channel_are_the_newest_50_by_default_at_most_200_oldest_first() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Seeder.seed(hub, "alice", "general", "m", 210);

            JsonNode byDefault = okJson(hub.get("/api/messages/general"));
            assertThat(byDefault).hasSize(50);
            assertThat(byDefault.get(0).get("body").asText()).isEqualTo("m161");
            assertThat(byDefault.get(49).get("body").asText()).isEqualTo("m210");
            byDefault.forEach(WireShapes::assertMessage);

            JsonNode capped = okJson(hub.get("/api/messages/general?limit=1000"));
            assertThat(capped).hasSize(200);
            assertThat(capped.get(0).get("body").asText()).isEqualTo("m11");
            assertThat(capped).extracting(m -> m.get("created_at").asText()).isSorted();

            JsonNode byId = okJson(hub.get("/api/messages/ch-general?limit=2"));
            assertThat(byId).extracting(m -> m.get("body").asText()).containsExactly("m209", "m210");
        }
    }

    @Test
    void messages_of_an_unknown_channel_is_404_with_an_error() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            assertRestError(hub.get("/api/messages/nowhere"), 404);
            assertRestError(hub.get("/api/messages/ch-000000000000"), 404);
        }
    }

    @Test
    void presence_and_participants_list_everyone_with_online_state() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket alice = hub.client("alice")) {
            Seeder.register(hub, "bob");
            for (String path : List.of("/api/presence", "/api/participants")) {
                JsonNode list = okJson(hub.get(path));
                assertThat(list).extracting(p -> p.get("name").asText()).containsExactly("alice", "bob");
                for (JsonNode p : list) {
                    assertThat(p.get("display_name").isTextual()).isTrue();
                    assertThat(p.get("participant_type").asText()).isEqualTo("ai");
                    assertThat(p.get("is_online").isIntegralNumber()).as("is_online is 0/1").isTrue();
                    assertTimestamp(p.get("last_seen_at"));
                    assertThat(p.get("host_ip").asText()).isEqualTo("127.0.0.1");
                }
                assertThat(list).extracting(p -> p.get("is_online").asInt()).containsExactly(1, 0);
            }
        }
    }

    @Test
    void pending_lists_the_messages_still_queued_for_a_participant_with_their_channel_name() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Seeder.register(hub, "bob");
            Seeder.seed(hub, "alice", "general", "p", 3);

            JsonNode pending = okJson(hub.get("/api/pending/bob"));
            assertThat(pending).extracting(m -> m.get("body").asText()).containsExactly("p1", "p2", "p3");
            pending.forEach(WireShapes::assertMessage);
            assertThat(pending).allMatch(m -> m.get("channel_name").asText().equals("general"));
            assertThat(okJson(hub.get("/api/pending/alice"))).as("nothing pending for the sender").isEmpty();
        }
    }

    @Test
    void unread_counts_what_a_participant_has_not_read_per_channel() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Seeder.register(hub, "bob");
            List<JsonNode> sent = Seeder.seed(hub, "alice", "general", "u", 3);

            JsonNode unread = okJson(hub.get("/api/unread/bob"));
            assertThat(unread).hasSize(1);
            assertThat(unread.get(0).get("channel_id").asText()).isEqualTo("ch-general");
            assertThat(unread.get(0).get("channel_name").asText()).isEqualTo("general");
            assertThat(unread.get(0).get("unread").isIntegralNumber()).isTrue();
            assertThat(unread.get(0).get("unread").asLong()).isEqualTo(3);

            try (RawSocket bob = hub.client("bob")) {
                var ack = frame("read_ack");
                ack.putArray("message_ids").add(sent.get(0).get("message_id").asText());
                bob.send(ack);
                awaitJson(hub, "/api/unread/bob", list -> list.size() == 1 && list.get(0).get("unread").asLong() == 2);
            }
        }
    }

    @Test
    void search_requires_q_filters_by_participant_and_treats_every_query_as_literal_text() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Seeder.register(hub, "bob");
            hub.post("/api/channels/create", "{\"name\":\"secret\",\"created_by\":\"alice\"}");
            JsonNode meta = json(hub.post("/api/send", "{\"sender\":\"alice\",\"channel\":\"general\",\"body\":"
                    + "\"deploy finished\",\"metadata\":{\"job\":7}}").body());
            hub.post("/api/send", "{\"sender\":\"alice\",\"channel\":\"secret\",\"body\":\"deploy the secret\"}");

            assertRestError(hub.get("/api/search"), 400);
            assertRestError(hub.get("/api/search?q="), 400);
            assertRestError(hub.get("/api/search?q=%20%20"), 400);

            JsonNode all = okJson(hub.get("/api/search?q=deploy"));
            assertThat(all).extracting(m -> m.get("body").asText())
                    .containsExactlyInAnyOrder("deploy finished", "deploy the secret");
            all.forEach(WireShapes::assertMessage);
            JsonNode finished = all.get(0).get("body").asText().equals("deploy finished") ? all.get(0) : all.get(1);
            assertThat(finished.get("channel_name").asText()).isEqualTo("general");
            assertThat(finished.get("metadata")).isEqualTo(meta.get("metadata"));

            JsonNode forBob = okJson(hub.get("/api/search?q=deploy&participant=bob"));
            assertThat(forBob).extracting(m -> m.get("body").asText()).containsExactly("deploy finished");
            assertThat(okJson(hub.get("/api/search?q=DEPLOY%20FIN"))).hasSize(1);
            assertThat(okJson(hub.get("/api/search?q=deploy&limit=1"))).hasSize(1);

            for (String hostile : List.of("\"", "*", "NEAR(", "a OR", "deploy OR", "\"deploy", "^fin", "col:x",
                    "(", ")", "AND", "-", "%", "_", "\\", "' OR 1=1 --", "deploy*", "NOT deploy", "{x}", "\u00e9\u00e8",
                    "🚀")) {
                HttpResponse<String> response = hub.get("/api/search?q=" + encode(hostile));
                assertThat(response.statusCode()).as("search for %s", hostile).isEqualTo(200);
                assertThat(json(response.body()).isArray()).isTrue();
            }
            assertThat(okJson(hub.get("/api/search?q=" + encode("%")))).isEmpty();
        }
    }

    @Test
    void one_message_by_id_and_404_for_an_unknown_id() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            JsonNode sent = json(hub.post("/api/send", "{\"sender\":\"alice\",\"channel\":\"general\",\"body\":\"x\"}")
                    .body());
            JsonNode one = okJson(hub.get("/api/message/" + sent.get("message_id").asText()));
            assertMessage(one);
            assertThat(one.get("body").asText()).isEqualTo("x");
            assertRestError(hub.get("/api/message/ty-000000000000"), 404);
            assertRestError(hub.get("/api/message/nonsense"), 404);
        }
    }

    @Test
    void delivery_of_a_message_moves_from_queued_to_delivered_to_read_per_recipient() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Seeder.register(hub, "bob");
            String id = Seeder.seed(hub, "alice", "general", "d", 1).get(0).get("message_id").asText();

            JsonNode queued = okJson(hub.get("/api/delivery/" + id));
            assertThat(queued).hasSize(1);
            assertThat(queued.get(0).get("recipient").asText()).isEqualTo("bob");
            assertThat(queued.get(0).get("status").asText()).isEqualTo("queued");
            assertThat(queued.get(0).has("delivered_at")).isTrue();
            assertThat(queued.get(0).has("read_at")).isTrue();

            try (RawSocket bob = hub.client("bob")) {
                bob.await("queued");
                JsonNode delivered = awaitJson(hub, "/api/delivery/" + id,
                        list -> list.get(0).get("status").asText().equals("delivered"));
                assertTimestamp(delivered.get(0).get("delivered_at"));

                var ack = frame("read_ack");
                ack.putArray("message_ids").add(id);
                bob.send(ack);
                JsonNode read = awaitJson(hub, "/api/delivery/" + id,
                        list -> list.get(0).get("status").asText().equals("read"));
                assertTimestamp(read.get(0).get("read_at"));
            }
            assertRestError(hub.get("/api/delivery/ty-000000000000"), 404);
        }
    }

    @Test
    void post_send_answers_201_with_the_stored_message_and_online_members_get_a_message_frame() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket bob = hub.client("bob")) {
            HttpResponse<String> response = hub.post("/api/send", "{\"sender\":\"ci-bot\",\"channel\":\"general\","
                    + "\"body\":\"build green\",\"message_type\":\"system\",\"priority\":\"low\",\"metadata\":{\"run\":3}}");

            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode stored = json(response.body());
            assertMessage(stored);
            assertThat(stored.get("sender").asText()).isEqualTo("ci-bot");
            assertThat(stored.get("message_type").asText()).isEqualTo("system");
            assertThat(stored.get("priority").asText()).isEqualTo("low");
            JsonNode frame = bob.await("message");
            assertThat(frame.get("message_id")).isEqualTo(stored.get("message_id"));
            assertThat(frame.get("metadata").get("run").asInt()).isEqualTo(3);

            HttpResponse<String> defaults = hub.post("/api/send",
                    "{\"sender\":\"ci-bot\",\"channel\":\"ch-general\",\"body\":\"x\",\"message_type\":\"zz\"}");
            assertThat(defaults.statusCode()).isEqualTo(201);
            assertThat(json(defaults.body()).get("message_type").asText()).isEqualTo("text");
            assertThat(json(defaults.body()).get("priority").asText()).isEqualTo("normal");
        }
    }

    @Test
    void post_send_answers_400_for_missing_fields_or_invalid_json_and_404_for_an_unknown_channel() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            for (String bad : List.of("{\"channel\":\"general\",\"body\":\"x\"}", "{\"sender\":\"a\",\"body\":\"x\"}",
                    "{\"sender\":\"a\",\"channel\":\"general\"}", "{\"sender\":\"a\",\"channel\":\"general\",\"body\":\"  \"}",
                    "{\"sender\":\"a\",\"channel\":\"general\",\"body\":5}", "{\"sender\":\"a\",\"channel\":\"general\","
                            + "\"body\":\"x\",\"metadata\":[1]}", "not json", "{\"sender\":", "[]", "42", "",
                    "{\"sender\":\"a\",\"channel\":\"general\",\"body\":\"x\"} trailing")) {
                assertRestError(hub.post("/api/send", bad), 400);
            }
            assertRestError(hub.post("/api/send", "{\"sender\":\"a\",\"channel\":\"nowhere\",\"body\":\"x\"}"), 404);
            assertThat(json(hub.get("/health").body()).get("messages").asLong()).isZero();
        }
    }

    @Test
    void ack_and_ack_all_report_how_many_were_acknowledged_and_how_many_remain() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Seeder.register(hub, "bob");
            List<JsonNode> sent = Seeder.seed(hub, "alice", "general", "a", 4);
            String first = sent.get(0).get("message_id").asText();

            JsonNode ack = okJson(hub.post("/api/ack", "{\"recipient\":\"bob\",\"message_ids\":[\"" + first + "\"]}"));
            assertThat(ack.get("acknowledged").isIntegralNumber()).isTrue();
            assertThat(ack.get("acknowledged").asLong()).isEqualTo(1);
            assertThat(ack.get("remaining").asLong()).isEqualTo(3);
            assertThat(ack.get("newly_read").asLong()).isEqualTo(1);
            // As the reference: "acknowledged" counts the ids given; newly_read (ext) says none was still unread.
            JsonNode again = okJson(hub.post("/api/ack", "{\"recipient\":\"bob\",\"message_ids\":[\"" + first + "\"]}"));
            assertThat(again.get("acknowledged").asLong()).isEqualTo(1);
            assertThat(again.get("newly_read").asLong()).isZero();
            assertThat(hub.post("/api/ack", "{\"recipient\":\"bob\"}").statusCode()).isEqualTo(400);
            assertThat(hub.post("/api/ack", "{\"recipient\":\"bob\",\"message_ids\":[]}").statusCode()).isEqualTo(400);

            String before = sent.get(2).get("created_at").asText();
            JsonNode some = okJson(hub.post("/api/ack-all", "{\"recipient\":\"bob\",\"before\":\"" + before + "\"}"));
            assertThat(some.get("acknowledged").asLong()).isEqualTo(1);
            assertThat(some.get("remaining").asLong()).isEqualTo(2);

            JsonNode rest = okJson(hub.post("/api/ack-all", "{\"recipient\":\"bob\"}"));
            assertThat(rest.get("acknowledged").asLong()).isEqualTo(2);
            assertThat(rest.get("remaining").asLong()).isZero();
            assertThat(okJson(hub.get("/api/pending/bob"))).isEmpty();

            assertRestError(hub.post("/api/ack", "{\"message_ids\":[]}"), 400);
            assertRestError(hub.post("/api/ack", "{\"recipient\":\"bob\",\"message_ids\":\"x\"}"), 400);
            assertRestError(hub.post("/api/ack-all", "{\"recipient\":\"bob\",\"before\":\"yesterday\"}"), 400);
        }
    }

    @Test
    void dm_returns_the_same_sorted_pair_channel_every_time() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Seeder.register(hub, "zoe");
            Seeder.register(hub, "adam");
            JsonNode first = okJson(hub.post("/api/dm", "{\"participant_a\":\"zoe\",\"participant_b\":\"adam\"}"));
            JsonNode again = okJson(hub.post("/api/dm", "{\"participant_a\":\"adam\",\"participant_b\":\"zoe\"}"));

            assertChannel(first);
            assertThat(first.get("name").asText()).isEqualTo("dm:adam:zoe");
            assertThat(first.get("channel_type").asText()).isEqualTo("dm");
            assertThat(again.get("channel_id")).isEqualTo(first.get("channel_id"));
            assertRestError(hub.post("/api/dm", "{\"participant_a\":\"zoe\"}"), 400);
        }
    }

    @Test
    void channels_create_answers_201_for_a_new_channel_and_200_for_an_existing_one_with_a_normalised_name()
            throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket alice = hub.client("alice")) {
            HttpResponse<String> created = hub.post("/api/channels/create",
                    "{\"name\":\"Build Bots\",\"created_by\":\"alice\",\"topic\":\"CI chatter\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            JsonNode channel = json(created.body());
            assertChannel(channel);
            assertThat(channel.get("name").asText()).isEqualTo("build-bots");
            assertThat(channel.get("created_by").asText()).isEqualTo("alice");
            assertThat(channel.get("topic").asText()).isEqualTo("CI chatter");

            HttpResponse<String> existing = hub.post("/api/channels/create", "{\"name\":\"build bots\"}");
            assertThat(existing.statusCode()).isEqualTo(200);
            assertThat(json(existing.body()).get("channel_id")).isEqualTo(channel.get("channel_id"));

            hub.post("/api/send", "{\"sender\":\"bob\",\"channel\":\"build-bots\",\"body\":\"creator is a member\"}");
            assertThat(alice.await("message").get("channel_name").asText()).isEqualTo("build-bots");
            assertRestError(hub.post("/api/channels/create", "{\"created_by\":\"alice\"}"), 400);
        }
    }

    @Test
    void channels_join_returns_the_channel_and_404_for_an_unknown_one() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket bob = hub.client("bob")) {
            hub.post("/api/channels/create", "{\"name\":\"ops\",\"created_by\":\"alice\"}");
            JsonNode joined = okJson(hub.post("/api/channels/join", "{\"channel\":\"ops\",\"participant\":\"bob\"}"));
            assertChannel(joined);
            assertThat(joined.get("name").asText()).isEqualTo("ops");

            hub.post("/api/send", "{\"sender\":\"alice\",\"channel\":\"ops\",\"body\":\"welcome\"}");
            assertThat(bob.await("message").get("channel_name").asText()).isEqualTo("ops");
            assertRestError(hub.post("/api/channels/join", "{\"channel\":\"nowhere\",\"participant\":\"bob\"}"), 404);
            assertRestError(hub.post("/api/channels/join", "{\"channel\":\"ops\"}"), 400);
        }
    }

    @Test
    void bad_query_parameters_answer_400_with_a_message_naming_the_parameter_never_500() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Seeder.register(hub, "bob");
            for (String path : List.of("/api/messages/general?limit=abc", "/api/messages/general?limit=-1",
                    "/api/messages/general?limit=0", "/api/messages/general?limit=1.5",
                    "/api/messages/general?limit=99999999999999999999", "/api/messages/general?after_seq=x",
                    "/api/messages/general?after_seq=-3", "/api/messages/general?before=yesterday",
                    "/api/search?q=x&limit=abc", "/api/search?q=x&limit=-1", "/api/pending/bob?limit=abc")) {
                JsonNode error = assertRestError(hub.get(path), 400);
                String parameter = path.substring(path.lastIndexOf('&') > 0 ? path.lastIndexOf('&') + 1
                        : path.indexOf('?') + 1, path.lastIndexOf('='));
                assertThat(error.get("error").asText()).as(path).contains(parameter);
            }
        }
    }

    @Test
    void a_body_over_the_request_limit_is_413_and_a_malformed_path_400_both_as_json_errors() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket bob = hub.client("bob")) {
            String huge = "{\"sender\":\"alice\",\"channel\":\"general\",\"body\":\"" + "x".repeat(300_000) + "\"}";
            assertRestError(hub.post("/api/send", huge), 413);
            assertRestError(hub.post("/api/send", huge), 413);
            assertRestError(hub.get("/api/message/%00"), 400);
            assertRestError(hub.get("/api/messages/%00"), 400);

            hub.post("/api/send", "{\"sender\":\"alice\",\"channel\":\"general\",\"body\":\"small\"}");
            assertThat(bob.await("message").get("body").asText()).isEqualTo("small");
            assertThat(json(hub.get("/health").body()).get("messages").asLong()).isEqualTo(1);
        }
    }

    @Test
    void an_unknown_api_path_is_404_with_an_error() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            assertRestError(hub.get("/api/nothing-here"), 404);
        }
    }

    private static JsonNode okJson(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isBetween(200, 201);
        return json(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
