package dev.parley.server.conformance;

import static dev.parley.server.conformance.WireShapes.assertError;
import static dev.parley.server.conformance.WireShapes.assertMessage;
import static dev.parley.server.conformance.WireShapes.assertTimestamp;
import static dev.parley.server.conformance.WireShapes.errorFor;
import static dev.parley.server.conformance.WireShapes.fanOutBarrier;
import static dev.parley.server.conformance.WireShapes.frame;
import static dev.parley.server.conformance.WireShapes.json;
import static dev.parley.server.conformance.WireShapes.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every compat frame of PROTOCOL.md, client to server and back, over real sockets: shapes (field
 * names and JSON types), formats (ids, timestamps) and values (defaults, error codes, who receives
 * what). A compat client is one that lists no {@code features} in its {@code auth}.
 */
class CompatFramesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void auth_without_a_name_is_answered_with_auth_failed_and_the_connection_stays_usable() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket raw = RawSocket.connect(hub.port())) {
            assertError(errorFor(raw, "{\"type\":\"auth\"}"), "auth_failed");
            assertError(errorFor(raw, "{\"type\":\"auth\",\"name\":\"\"}"), "auth_failed");
            assertError(errorFor(raw, "{\"type\":\"auth\",\"name\":\"   \"}"), "auth_failed");
            assertError(errorFor(raw, "{\"type\":\"auth\",\"name\":null}"), "auth_failed");

            raw.send("auth", "name", "alice");
            assertThat(raw.await("auth_ok").get("participant").asText()).isEqualTo("alice");
        }
    }

    @Test
    void auth_ok_carries_the_participant_its_channel_names_the_pending_count_and_the_protocol_version()
            throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket raw = RawSocket.connect(hub.port())) {
            raw.send("auth", "name", "alice", "display_name", "Alice A.", "participant_type", "human",
                    "hardware_id", "hw-1");
            JsonNode ok = raw.await("auth_ok");

            // The reference's shape: the name as a string; the whole row is the ext participant_info.
            assertThat(ok.get("participant").isTextual()).isTrue();
            assertThat(ok.get("participant").asText()).isEqualTo("alice");
            JsonNode participant = ok.get("participant_info");
            assertThat(participant.isObject()).isTrue();
            assertThat(participant.get("name").asText()).isEqualTo("alice");
            assertThat(participant.get("display_name").asText()).isEqualTo("Alice A.");
            assertThat(participant.get("participant_type").asText()).isEqualTo("human");
            assertThat(participant.get("hardware_id").asText()).isEqualTo("hw-1");
            assertThat(ok.get("channels").isArray()).isTrue();
            assertThat(ok.get("channels")).allMatch(JsonNode::isTextual);
            assertThat(ok.get("channels")).extracting(JsonNode::asText).containsExactly("general");
            assertThat(ok.get("pending_count").isIntegralNumber()).isTrue();
            assertThat(ok.get("pending_count").asLong()).isZero();
            assertThat(ok.get("protocol_version").isTextual()).isTrue();
            assertThat(ok.get("protocol_version").asText()).isEqualTo("1.0");

            raw.roundTrip();
            assertThat(raw.frames("queued")).as("nothing pending: no queued frame").isEmpty();
        }
    }

    @Test
    void what_was_sent_while_away_follows_auth_ok_as_one_queued_frame_in_order_with_every_message_field()
            throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Seeder.register(hub, "bob");
            Seeder.seed(hub, "alice", "general", "away-", 3);

            try (RawSocket bob = RawSocket.connect(hub.port())) {
                bob.send("auth", "name", "bob");
                bob.await("queued");
                bob.roundTrip();

                List<String> types = bob.frames().stream().map(f -> f.get("type").asText()).toList();
                assertThat(types.indexOf("auth_ok")).isLessThan(types.indexOf("queued"));
                assertThat(bob.await("auth_ok").get("pending_count").asLong()).isEqualTo(3);
                assertThat(bob.frames("queued")).hasSize(1);
                JsonNode queued = bob.frames("queued").get(0);
                assertThat(queued.get("messages").isArray()).isTrue();
                assertThat(queued.get("messages")).extracting(m -> m.get("body").asText())
                        .containsExactly("away-1", "away-2", "away-3");
                for (JsonNode m : queued.get("messages")) {
                    assertMessage(m);
                    assertThat(m.has("type")).as("queued entries carry no 'type'").isFalse();
                    assertThat(m.get("sender").asText()).isEqualTo("alice");
                    assertThat(m.get("channel_name").asText()).isEqualTo("general");
                }
            }
        }
    }

    @Test
    void presence_online_and_offline_reach_the_participants_who_share_a_channel_but_not_the_participant()
            throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket alice = hub.client("alice")) {
            RawSocket bob = hub.client("bob");
            JsonNode online = alice.await(f -> f.path("type").asText().equals("presence")
                    && f.path("participant").asText().equals("bob"), WAIT);
            assertThat(online.get("status").asText()).isEqualTo("online");
            assertTimestamp(online.get("timestamp"));
            bob.roundTrip();
            assertThat(bob.frames("presence")).noneMatch(f -> f.get("participant").asText().equals("bob"));

            bob.close();
            JsonNode offline = alice.await(f -> f.path("type").asText().equals("presence")
                    && f.path("status").asText().equals("offline"), WAIT);
            assertThat(offline.get("participant").asText()).isEqualTo("bob");
            assertTimestamp(offline.get("timestamp"));
        }
    }

    @Test
    void register_answers_is_new_true_then_false_and_does_not_authenticate_the_connection() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket raw = RawSocket.connect(hub.port())) {
            raw.send("register", "name", "alice", "display_name", "Alice", "participant_type", "human");
            JsonNode first = raw.await("register_ok");
            assertThat(first.get("name").asText()).isEqualTo("alice");
            assertThat(first.get("is_new").isBoolean()).isTrue();
            assertThat(first.get("is_new").asBoolean()).isTrue();

            raw.send("register", "name", "alice");
            JsonNode second = raw.awaitCount(ofType("register_ok"), 2, WAIT).get(1);
            assertThat(second.get("is_new").asBoolean()).isFalse();

            assertError(errorFor(raw, "{\"type\":\"send\",\"channel\":\"general\",\"body\":\"hi\"}"),
                    "not_authenticated");
            JsonNode participants = json(hub.get("/api/participants").body());
            assertThat(participants).extracting(p -> p.get("name").asText()).containsExactly("alice");
            assertThat(participants.get(0).get("participant_type").asText()).isEqualTo("human");
        }
    }

    @Test
    void a_sent_message_reaches_every_online_member_and_session_except_the_sender_with_every_field()
            throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice");
             RawSocket bob = hub.client("bob");
             RawSocket bobLaptop = hub.client("bob");
             RawSocket carol = hub.client("carol")) {
            String root = Seeder.seed(hub, "alice", "general", "root-", 1).get(0).get("message_id").asText();
            ObjectNode send = frame("send").put("channel", "general").put("body", "deploy done ✅")
                    .put("message_type", "code").put("priority", "urgent").put("reply_to", root);
            send.putObject("metadata").put("build", 42).putArray("tags").add("ci").add("prod");
            alice.send(send);

            JsonNode atBob = bob.await(f -> f.path("body").asText().equals("deploy done ✅"), WAIT);
            JsonNode atLaptop = bobLaptop.await(f -> f.path("body").asText().equals("deploy done ✅"), WAIT);
            JsonNode atCarol = carol.await(f -> f.path("body").asText().equals("deploy done ✅"), WAIT);

            assertThat(atBob.get("type").asText()).isEqualTo("message");
            assertMessage(atBob);
            assertThat(atBob.get("channel_id").asText()).isEqualTo("ch-general");
            assertThat(atBob.get("channel_name").asText()).isEqualTo("general");
            assertThat(atBob.get("sender").asText()).isEqualTo("alice");
            assertThat(atBob.get("message_type").asText()).isEqualTo("code");
            assertThat(atBob.get("priority").asText()).isEqualTo("urgent");
            assertThat(atBob.get("reply_to").asText()).isEqualTo(root);
            assertThat(atBob.get("metadata")).isEqualTo(send.get("metadata"));
            assertThat(atLaptop).isEqualTo(atBob);
            assertThat(atCarol).isEqualTo(atBob);

            fanOutBarrier(bob, carol, "general");
            alice.roundTrip();
            assertThat(alice.frames("message")).extracting(f -> f.get("sender").asText()).doesNotContain("alice");
            JsonNode stored = json(hub.get("/api/message/" + atBob.get("message_id").asText()).body());
            assertThat(stored.get("body").asText()).isEqualTo("deploy done ✅");
            assertThat(stored.get("created_at")).isEqualTo(atBob.get("created_at"));
        }
    }

    @Test
    void send_errors_are_not_authenticated_empty_body_and_channel_not_found_and_the_connection_stays_usable()
            throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket raw = RawSocket.connect(hub.port());
             RawSocket alice = hub.client("alice");
             RawSocket bob = hub.client("bob")) {
            assertError(errorFor(raw, "{\"type\":\"send\",\"channel\":\"general\",\"body\":\"hi\"}"),
                    "not_authenticated");
            assertError(errorFor(alice, "{\"type\":\"send\",\"channel\":\"general\"}"), "empty_body");
            assertError(errorFor(alice, "{\"type\":\"send\",\"channel\":\"general\",\"body\":\"\"}"), "empty_body");
            assertError(errorFor(alice, "{\"type\":\"send\",\"channel\":\"general\",\"body\":\" \\t\\n \"}"),
                    "empty_body");
            assertError(errorFor(alice, "{\"type\":\"send\",\"channel\":\"general\",\"body\":null}"), "empty_body");
            assertError(errorFor(alice, "{\"type\":\"send\",\"channel\":\"no-such-channel\",\"body\":\"hi\"}"),
                    "channel_not_found");
            assertError(errorFor(alice, "{\"type\":\"send\",\"channel_id\":\"ch-000000000000\",\"body\":\"hi\"}"),
                    "channel_not_found");

            alice.send("send", "channel", "general", "body", "still here");
            assertThat(bob.await("message").get("body").asText()).isEqualTo("still here");
            assertThat(json(hub.get("/health").body()).get("messages").asLong()).isEqualTo(1);
        }
    }

    @Test
    void channel_id_is_accepted_in_place_of_channel() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice");
             RawSocket bob = hub.client("bob")) {
            JsonNode ops = json(hub.post("/api/channels/create", "{\"name\":\"ops\",\"created_by\":\"alice\"}").body());
            hub.post("/api/channels/join", "{\"channel\":\"ops\",\"participant\":\"bob\"}");

            alice.send("send", "channel_id", "ch-general", "body", "by general's id");
            alice.send("send", "channel_id", ops.get("channel_id").asText(), "body", "by ops' id");

            JsonNode inGeneral = bob.await(f -> f.path("body").asText().equals("by general's id"), WAIT);
            JsonNode inOps = bob.await(f -> f.path("body").asText().equals("by ops' id"), WAIT);
            assertThat(inGeneral.get("channel_name").asText()).isEqualTo("general");
            assertThat(inOps.get("channel_name").asText()).isEqualTo("ops");
            assertThat(inOps.get("channel_id").asText()).isEqualTo(ops.get("channel_id").asText());
        }
    }

    @Test
    void unknown_message_types_priorities_and_participant_types_fall_back_to_text_normal_and_ai() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice");
             RawSocket raw = RawSocket.connect(hub.port())) {
            raw.send("auth", "name", "bob", "participant_type", "robot");
            assertThat(raw.await("auth_ok").get("participant_info").get("participant_type").asText()).isEqualTo("ai");
            raw.roundTrip();

            alice.send("send", "channel", "general", "body", "odd", "message_type", "shout", "priority", "asap");
            alice.send("send", "channel", "general", "body", "plain");
            JsonNode odd = raw.await(f -> f.path("body").asText().equals("odd"), WAIT);
            JsonNode plain = raw.await(f -> f.path("body").asText().equals("plain"), WAIT);

            assertThat(odd.get("message_type").asText()).isEqualTo("text");
            assertThat(odd.get("priority").asText()).isEqualTo("normal");
            assertThat(plain.get("message_type").asText()).isEqualTo("text");
            assertThat(plain.get("priority").asText()).isEqualTo("normal");
            assertThat(plain.get("reply_to").isNull()).isTrue();
            assertThat(plain.get("metadata").isObject()).isTrue();
            assertThat(plain.get("metadata").isEmpty()).isTrue();
            JsonNode participants = json(hub.get("/api/participants").body());
            assertThat(participants).filteredOn(p -> p.get("name").asText().equals("bob"))
                    .extracting(p -> p.get("participant_type").asText()).containsExactly("ai");
        }
    }

    @Test
    void read_ack_sends_each_original_sender_a_read_receipt_naming_the_reader() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice");
             RawSocket bob = hub.client("bob");
             RawSocket carol = hub.client("carol")) {
            alice.send("send", "channel", "general", "body", "a1");
            alice.send("send", "channel", "general", "body", "a2");
            carol.send("send", "channel", "general", "body", "c1");
            List<JsonNode> received = bob.awaitCount(ofType("message"), 3, WAIT);
            ObjectNode ack = frame("read_ack");
            received.forEach(m -> ack.withArray("message_ids").add(m.get("message_id").asText()));
            bob.send(ack);

            JsonNode toAlice = alice.await("receipt");
            JsonNode toCarol = carol.await("receipt");
            assertThat(toAlice.get("reader").asText()).isEqualTo("bob");
            assertThat(toAlice.get("status").asText()).isEqualTo("read");
            assertThat(toAlice.get("message_ids").isArray()).isTrue();
            assertThat(toAlice.get("message_ids")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrderElementsOf(idsFrom(received, "alice"));
            assertThat(toCarol.get("message_ids")).extracting(JsonNode::asText)
                    .containsExactlyElementsOf(idsFrom(received, "carol"));
            bob.roundTrip();
            assertThat(bob.frames("receipt")).isEmpty();
        }
    }

    @Test
    void ping_is_answered_with_pong_and_the_server_time_and_refreshes_last_seen() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket raw = RawSocket.connect(hub.port())) {
            raw.send("ping");
            assertTimestamp(raw.await("pong").get("server_time"));
            raw.send("auth", "name", "alice");
            String seenAtAuth = raw.await("auth_ok").get("participant_info").get("last_seen_at").asText();
            raw.roundTrip();
            assertTimestamp(raw.frames("pong").get(1).get("server_time"));

            WireShapes.awaitJson(hub, "/api/participants",
                    list -> list.get(0).get("last_seen_at").asText().compareTo(seenAtAuth) > 0);
        }
    }

    @Test
    void history_returns_the_newest_50_by_default_at_most_200_oldest_first_with_compat_fields() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Seeder.seed(hub, "alice", "general", "m", 210);
            try (RawSocket bob = hub.client("bob")) {
                bob.send("history", "channel", "general");
                JsonNode page = bob.await("history_result");
                assertThat(page.get("channel_id").asText()).isEqualTo("ch-general");
                assertThat(page.get("channel_name").asText()).isEqualTo("general");
                assertThat(page.get("messages")).hasSize(50);
                assertThat(page.get("messages").get(0).get("body").asText()).isEqualTo("m161");
                assertThat(page.get("messages").get(49).get("body").asText()).isEqualTo("m210");
                page.get("messages").forEach(WireShapes::assertHistoryEntry);
                assertThat(createdAts(page)).isSorted();

                bob.send(frame("history").put("channel", "ch-general").put("limit", 1000));
                JsonNode capped = bob.awaitCount(ofType("history_result"), 2, WAIT).get(1);
                assertThat(capped.get("messages")).hasSize(200);
                assertThat(capped.get("messages").get(0).get("body").asText()).isEqualTo("m11");

                bob.send(frame("history").put("channel", "general").put("limit", 3));
                JsonNode three = bob.awaitCount(ofType("history_result"), 3, WAIT).get(2);
                assertThat(three.get("messages")).extracting(m -> m.get("body").asText())
                        .containsExactly("m208", "m209", "m210");
            }
        }
    }

    @Test
    void history_before_a_timestamp_returns_only_older_messages_oldest_first() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            List<JsonNode> sent = Seeder.seed(hub, "alice", "general", "m", 40);
            String thirtieth = sent.get(29).get("created_at").asText();
            try (RawSocket bob = hub.client("bob")) {
                bob.send("history", "channel", "general", "before", thirtieth);
                JsonNode page = bob.await("history_result");

                assertThat(page.get("messages")).hasSize(29);
                assertThat(page.get("messages").get(0).get("body").asText()).isEqualTo("m1");
                assertThat(page.get("messages").get(28).get("body").asText()).isEqualTo("m29");
                assertThat(createdAts(page)).isSorted().allMatch(t -> t.compareTo(thirtieth) < 0);
                page.get("messages").forEach(WireShapes::assertHistoryEntry);
            }
        }
    }

    @Test
    void history_of_an_unknown_channel_is_channel_not_found() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket alice = hub.client("alice")) {
            assertError(errorFor(alice, "{\"type\":\"history\",\"channel\":\"nowhere\"}"), "channel_not_found");
            assertError(errorFor(alice, "{\"type\":\"history\"}"), "channel_not_found");
            alice.send("history", "channel", "general");
            assertThat(alice.await("history_result").get("messages")).isEmpty();
        }
    }

    @Test
    void typing_reaches_the_other_members_of_the_channel_only() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice");
             RawSocket bob = hub.client("bob");
             RawSocket carol = hub.client("carol")) {
            hub.post("/api/channels/create", "{\"name\":\"ops\",\"created_by\":\"alice\"}");
            hub.post("/api/channels/join", "{\"channel\":\"ops\",\"participant\":\"bob\"}");

            alice.send("typing", "channel", "ops");
            JsonNode typing = bob.await("typing");
            assertThat(typing.get("channel").asText()).isEqualTo("ops");
            assertThat(typing.get("participant").asText()).isEqualTo("alice");

            alice.roundTrip(); // typing fans out while its frame is handled: all of it is queued now
            carol.roundTrip();
            assertThat(carol.frames("typing")).as("carol is not in ops").isEmpty();
            assertThat(alice.frames("typing")).as("not to the typist").isEmpty();

            alice.send("typing", "channel", "general");
            assertThat(carol.await("typing").get("channel").asText()).isEqualTo("general");
            assertError(errorFor(alice, "{\"type\":\"typing\",\"channel\":\"nowhere\"}"), "channel_not_found");
        }
    }

    @Test
    void a_malformed_frame_is_answered_with_bad_json_and_the_connection_stays_usable() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice");
             RawSocket bob = hub.client("bob")) {
            for (String bad : List.of("not json", "{\"type\":\"send\",", "[]", "[{\"type\":\"ping\"}]", "42", "\"send\"",
                    "null", "true", "{}", "{\"type\":7}", "{\"type\":null}", "{\"type\":[\"send\"]}", "{'type':'ping'}",
                    "{\"type\":\"ping\"} trailing", "")) {
                JsonNode error = errorFor(alice, bad);
                assertError(error, "bad_json");
            }
            alice.roundTrip();
            alice.send("send", "channel", "general", "body", "fine");
            assertThat(bob.await("message").get("body").asText()).isEqualTo("fine");
            assertThat(alice.isClosed()).isFalse();
        }
    }

    @Test
    void a_dm_channel_is_named_by_the_sorted_pair_has_type_dm_and_reaches_only_its_two_members() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket zoe = hub.client("zoe");
             RawSocket adam = hub.client("adam");
             RawSocket carol = hub.client("carol")) {
            JsonNode dm = json(hub.post("/api/dm", "{\"participant_a\":\"zoe\",\"participant_b\":\"adam\"}").body());
            assertThat(dm.get("name").asText()).isEqualTo("dm:adam:zoe");
            assertThat(dm.get("channel_type").asText()).isEqualTo("dm");
            assertThat(dm.get("channel_id").asText()).matches(WireShapes.CHANNEL_ID);

            zoe.send("send", "channel", "dm:adam:zoe", "body", "psst");
            JsonNode atAdam = adam.await("message");
            assertThat(atAdam.get("channel_name").asText()).isEqualTo("dm:adam:zoe");
            assertThat(atAdam.get("channel_id").asText()).isEqualTo(dm.get("channel_id").asText());

            fanOutBarrier(zoe, adam, "general");
            carol.roundTrip();
            assertThat(carol.frames("message")).extracting(m -> m.get("body").asText()).doesNotContain("psst");
            JsonNode listed = json(hub.getAs("zoe", "/api/channels").body());
            assertThat(listed).filteredOn(c -> c.get("name").asText().equals("dm:adam:zoe"))
                    .extracting(c -> c.get("channel_type").asText()).containsExactly("dm");
            assertThat(json(hub.getAs("carol", "/api/channels").body())).as("only its members see it listed")
                    .noneMatch(c -> c.get("name").asText().equals("dm:adam:zoe"));
        }
    }

    @Test
    void a_compat_client_receives_no_extension_frame_even_when_others_use_every_extension() throws Exception {
        Set<String> extension = Set.of("sent", "resumed", "message_edited", "message_deleted", "reaction",
                "thread_result");
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket compat = hub.client("bob");
             RawSocket alice = hub.client("alice", "*");
             RawSocket carol = hub.client("carol", "*")) {
            alice.send("send", "channel", "general", "body", "root", "client_msg_id", "r-1");
            String root = alice.await("sent").get("message_id").asText();
            alice.send("send", "channel", "general", "body", "reply", "reply_to", root, "client_msg_id", "r-2");
            alice.send("send", "channel", "general", "body", "for carol only", "to", "carol", "client_msg_id", "r-3");
            alice.send("edit", "message_id", root, "body", "root, edited");
            alice.send("react", "message_id", root, "emoji", "👍");
            alice.send(frame("react").put("message_id", root).put("emoji", "👍").put("remove", true));
            alice.send("react", "message_id", root, "emoji", "🎉");
            alice.send("thread", "message_id", root);
            hub.post("/api/react", "{\"message_id\":\"" + root + "\",\"participant\":\"carol\",\"emoji\":\"👀\"}");
            try (RawSocket resuming = RawSocket.connect(hub.port())) {
                ObjectNode auth = frame("auth").put("name", "carol");
                auth.putArray("features").add("*");
                auth.putObject("resume").put("general", 0);
                resuming.send(auth);
                resuming.await("resumed");
            }
            alice.send("delete", "message_id", root);
            carol.await("message_deleted");
            // A compat client that sends a client_msg_id of its own gets no 'sent' either.
            compat.send("send", "channel", "general", "body", "compat with an id", "client_msg_id", "b-1");
            carol.await(f -> f.path("body").asText().equals("compat with an id"), WAIT);
            fanOutBarrier(alice, carol, "general");
            compat.roundTrip();

            List<String> types = compat.frames().stream().map(f -> f.get("type").asText()).toList();
            assertThat(types).doesNotContainAnyElementsOf(extension);
            assertThat(types).allMatch(WireShapes.COMPAT_FRAME_TYPES::contains);
            assertThat(compat.frames("message")).extracting(m -> m.get("body").asText())
                    .contains("root", "reply").doesNotContain("for carol only");
            assertThat(carol.frames()).extracting(f -> f.get("type").asText())
                    .contains("message_edited", "reaction", "message_deleted");
        }
    }

    private static List<String> idsFrom(List<JsonNode> messages, String sender) {
        return messages.stream().filter(m -> m.get("sender").asText().equals(sender))
                .map(m -> m.get("message_id").asText()).toList();
    }

    private static List<String> createdAts(JsonNode historyResult) {
        List<String> times = new ArrayList<>();
        StreamSupport.stream(historyResult.get("messages").spliterator(), false)
                .forEach(m -> times.add(m.get("created_at").asText()));
        return times;
    }
}
