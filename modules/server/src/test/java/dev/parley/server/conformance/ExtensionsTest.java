package dev.parley.server.conformance;

import static dev.parley.server.conformance.WireShapes.assertError;
import static dev.parley.server.conformance.WireShapes.assertRestError;
import static dev.parley.server.conformance.WireShapes.assertTimestamp;
import static dev.parley.server.conformance.WireShapes.errorFor;
import static dev.parley.server.conformance.WireShapes.fanOutBarrier;
import static dev.parley.server.conformance.WireShapes.frame;
import static dev.parley.server.conformance.WireShapes.json;
import static dev.parley.server.conformance.WireShapes.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parley's extensions as README "Protocol extensions" describes them: acked idempotent send, seq
 * per channel, edit/delete, reactions, threads, targeted messages and paging by seq.
 */
class ExtensionsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void own_messages_reach_the_senders_other_sessions_that_asked_for_them_by_name_never_through_star()
            throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket laptop = hub.client("alice", "*", "own_messages");
             RawSocket phone = hub.client("alice", "own_messages");
             RawSocket agent = hub.client("alice", "*");
             RawSocket bob = hub.client("bob", "*")) {
            assertThat(laptop.frames("auth_ok").get(0).get("features")).extracting(JsonNode::asText)
                    .contains("own_messages");
            laptop.send("send", "channel", "general", "body", "from the laptop", "client_msg_id", "l-1");

            JsonNode onPhone = phone.await(f -> "from the laptop".equals(f.path("body").asText()), WAIT);
            assertThat(onPhone.get("sender").asText()).isEqualTo("alice");
            laptop.await(f -> "from the laptop".equals(f.path("body").asText()), WAIT);
            bob.await(f -> "from the laptop".equals(f.path("body").asText()), WAIT);
            fanOutBarrier(bob, agent, "general");
            assertThat(agent.frames("message")).extracting(m -> m.get("body").asText())
                    .as("\"*\" is not a request for one's own words").doesNotContain("from the laptop");
            assertThat(hub.get("/api/pending/alice").body()).doesNotContain("from the laptop");

            laptop.send("send", "channel", "general", "body", "for bob only", "to", "bob", "client_msg_id", "l-2");
            phone.await(f -> "for bob only".equals(f.path("body").asText()), WAIT); // its sender's to see too
        }
    }

    @Test
    void an_acked_send_is_confirmed_once_durable_and_a_resend_returns_the_same_sent_and_stores_nothing() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice", "acked_send");
             RawSocket bob = hub.client("bob", "acked_send")) {
            alice.send("send", "channel", "general", "body", "once", "client_msg_id", "c-1");
            JsonNode sent = alice.await("sent");
            assertThat(sent.get("client_msg_id").asText()).isEqualTo("c-1");
            assertThat(sent.get("message_id").asText()).matches(WireShapes.MESSAGE_ID);
            assertThat(sent.get("channel_id").asText()).isEqualTo("ch-general");
            assertThat(sent.get("seq").isIntegralNumber()).isTrue();
            assertThat(sent.get("seq").asLong()).isEqualTo(1);
            assertTimestamp(sent.get("created_at"));
            assertThat(sent.get("duplicate").asBoolean()).isFalse();

            alice.send("send", "channel", "general", "body", "once", "client_msg_id", "c-1");
            JsonNode again = alice.awaitCount(ofType("sent"), 2, WAIT).get(1);
            assertThat(again.get("message_id")).isEqualTo(sent.get("message_id"));
            assertThat(again.get("seq")).isEqualTo(sent.get("seq"));
            assertThat(again.get("created_at")).isEqualTo(sent.get("created_at"));
            assertThat(again.get("duplicate").asBoolean()).isTrue();

            bob.send("send", "channel", "general", "body", "same key, other sender", "client_msg_id", "c-1");
            JsonNode bobs = bob.await("sent");
            assertThat(bobs.get("message_id")).isNotEqualTo(sent.get("message_id"));
            assertThat(bobs.get("seq").asLong()).isEqualTo(2);

            fanOutBarrier(alice, bob, "general");
            assertThat(bob.frames("message")).extracting(m -> m.get("body").asText()).containsOnlyOnce("once");
            assertThat(json(hub.get("/health").body()).get("messages").asLong()).isEqualTo(3);
        }
    }

    @Test
    void seq_numbers_rise_by_one_per_channel_without_gaps_while_several_senders_write_at_once() throws Exception {
        int perSender = 100;
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket listener = hub.client("listener", "*")) {
            hub.post("/api/channels/create", "{\"name\":\"ops\",\"created_by\":\"listener\"}");
            List<RawSocket> senders = new ArrayList<>();
            try {
                for (String name : List.of("s1", "s2", "s3")) {
                    RawSocket sender = hub.client(name, "*");
                    hub.post("/api/channels/join", "{\"channel\":\"ops\",\"participant\":\"" + name + "\"}");
                    senders.add(sender);
                }
                for (int i = 0; i < perSender; i++) {
                    for (RawSocket sender : senders) {
                        sender.send("send", "channel", "general", "body", "g" + i, "client_msg_id", "g" + i);
                        sender.send("send", "channel", "ops", "body", "o" + i, "client_msg_id", "o" + i);
                    }
                }
                int total = senders.size() * perSender;
                List<JsonNode> received = listener.awaitCount(ofType("message"), 2 * total, Duration.ofSeconds(30));
                for (String channel : List.of("ch-general", opsId(hub))) {
                    List<Long> seqs = received.stream().filter(m -> m.get("channel_id").asText().equals(channel))
                            .map(m -> m.get("seq").asLong()).toList();
                    assertThat(seqs).as("seqs of %s in arrival order", channel)
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
                }
            } finally {
                senders.forEach(RawSocket::close);
            }
        }
    }

    @Test
    void only_the_sender_may_edit_or_delete_and_members_with_the_feature_are_told() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice", "*");
             RawSocket bob = hub.client("bob", "*");
             RawSocket noFeature = hub.client("dave", "acked_send")) {
            alice.send("send", "channel", "general", "body", "draft", "client_msg_id", "e-1");
            String id = alice.await("sent").get("message_id").asText();

            alice.send("edit", "message_id", id, "body", "final");
            JsonNode edited = bob.await("message_edited");
            assertThat(edited.get("message_id").asText()).isEqualTo(id);
            assertThat(edited.get("body").asText()).isEqualTo("final");
            assertThat(edited.get("channel_id").asText()).isEqualTo("ch-general");
            assertThat(edited.get("seq").asLong()).isEqualTo(1);
            assertTimestamp(edited.get("edited_at"));

            assertError(errorFor(bob, "{\"type\":\"edit\",\"message_id\":\"" + id + "\",\"body\":\"hijack\"}"),
                    "not_allowed");
            assertError(errorFor(bob, "{\"type\":\"delete\",\"message_id\":\"" + id + "\"}"), "not_allowed");
            assertError(errorFor(bob, "{\"type\":\"edit\",\"message_id\":\"ty-000000000000\",\"body\":\"x\"}"),
                    "message_not_found");
            assertRestError(hub.request("PATCH", "/api/messages/" + id, "{\"participant\":\"bob\",\"body\":\"x\"}"), 403);
            assertRestError(hub.request("DELETE", "/api/messages/" + id + "?participant=bob", null), 403);

            HttpResponse<String> patched = hub.request("PATCH", "/api/messages/" + id,
                    "{\"participant\":\"alice\",\"body\":\"final, really\"}");
            assertThat(patched.statusCode()).isEqualTo(200);
            bob.await(f -> f.path("type").asText().equals("message_edited")
                    && f.path("body").asText().equals("final, really"), WAIT);

            alice.send("delete", "message_id", id);
            JsonNode deleted = bob.await("message_deleted");
            assertThat(deleted.get("message_id").asText()).isEqualTo(id);
            assertThat(deleted.get("channel_id").asText()).isEqualTo("ch-general");
            assertTimestamp(deleted.get("deleted_at"));
            assertThat(alice.await("message_deleted").get("message_id").asText()).isEqualTo(id);

            fanOutBarrier(alice, noFeature, "general");
            noFeature.roundTrip();
            assertThat(noFeature.frames()).extracting(f -> f.get("type").asText())
                    .doesNotContain("message_edited", "message_deleted");
            assertThat(json(hub.get("/api/messages/general").body())).extracting(m -> m.get("message_id").asText())
                    .doesNotContain(id);
            assertError(errorFor(alice, "{\"type\":\"edit\",\"message_id\":\"" + id + "\",\"body\":\"revive\"}"),
                    "not_allowed");
        }
    }

    @Test
    void reactions_are_added_and_removed_over_the_socket_and_toggled_over_rest() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice", "*");
             RawSocket bob = hub.client("bob", "*")) {
            alice.send("send", "channel", "general", "body", "ship it?", "client_msg_id", "r-1");
            String id = alice.await("sent").get("message_id").asText();

            bob.send("react", "message_id", id, "emoji", "👍");
            JsonNode added = alice.await("reaction");
            assertThat(added.get("message_id").asText()).isEqualTo(id);
            assertThat(added.get("participant").asText()).isEqualTo("bob");
            assertThat(added.get("emoji").asText()).isEqualTo("👍");
            assertThat(added.get("action").asText()).isEqualTo("add");

            bob.send(frame("react").put("message_id", id).put("emoji", "👍").put("remove", true));
            JsonNode removed = alice.awaitCount(ofType("reaction"), 2, WAIT).get(1);
            assertThat(removed.get("action").asText()).isEqualTo("remove");

            String toggle = "{\"message_id\":\"" + id + "\",\"participant\":\"carol\",\"emoji\":\"🎉\"}";
            JsonNode on = json(hub.post("/api/react", toggle).body());
            assertThat(on.get("action").asText()).isEqualTo("add");
            assertThat(on.get("changed").asBoolean()).isTrue();
            assertThat(json(hub.get("/api/message/" + id).body()).get("reactions"))
                    .extracting(r -> r.get("participant").asText() + r.get("emoji").asText()).containsExactly("carol🎉");
            JsonNode off = json(hub.post("/api/react", toggle).body());
            assertThat(off.get("action").asText()).isEqualTo("remove");
            assertThat(off.get("reactions")).isEmpty();
            assertThat(alice.awaitCount(ofType("reaction"), 4, WAIT)).extracting(r -> r.get("action").asText())
                    .containsExactly("add", "remove", "add", "remove");

            assertError(errorFor(bob, "{\"type\":\"react\",\"message_id\":\"ty-000000000000\",\"emoji\":\"x\"}"),
                    "message_not_found");
            assertRestError(hub.post("/api/react", "{\"message_id\":\"ty-000000000000\",\"participant\":\"carol\","
                    + "\"emoji\":\"x\"}"), 404);
        }
    }

    @Test
    void a_thread_is_its_root_then_the_replies_to_it_oldest_first() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket alice = hub.client("alice", "*")) {
            alice.send("send", "channel", "general", "body", "root", "client_msg_id", "t-0");
            String root = alice.await("sent").get("message_id").asText();
            alice.send("send", "channel", "general", "body", "reply 1", "reply_to", root, "client_msg_id", "t-1");
            alice.send("send", "channel", "general", "body", "unrelated", "client_msg_id", "t-2");
            alice.send("send", "channel", "general", "body", "reply 2", "reply_to", root, "client_msg_id", "t-3");
            alice.awaitCount(ofType("sent"), 4, WAIT);

            alice.send("thread", "message_id", root);
            JsonNode thread = alice.await("thread_result");
            assertThat(thread.get("message_id").asText()).isEqualTo(root);
            assertThat(thread.get("messages")).extracting(m -> m.get("body").asText())
                    .containsExactly("root", "reply 1", "reply 2");
            thread.get("messages").forEach(WireShapes::assertMessage);
            assertThat(json(hub.get("/api/thread/" + root).body())).extracting(m -> m.get("body").asText())
                    .containsExactly("root", "reply 1", "reply 2");

            assertError(errorFor(alice, "{\"type\":\"thread\",\"message_id\":\"ty-000000000000\"}"), "message_not_found");
            assertRestError(hub.get("/api/thread/ty-000000000000"), 404);
        }
    }

    @Test
    void a_targeted_message_reaches_only_its_target_and_a_target_outside_the_channel_is_refused() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket alice = hub.client("alice", "*");
             RawSocket bob = hub.client("bob", "*");
             RawSocket carol = hub.client("carol", "*")) {
            alice.send("send", "channel", "general", "body", "for bob", "to", "bob", "client_msg_id", "x-1");
            JsonNode atBob = bob.await("message");
            assertThat(atBob.get("body").asText()).isEqualTo("for bob");
            assertThat(atBob.get("to").asText()).isEqualTo("bob");

            fanOutBarrier(alice, carol, "general");
            assertThat(carol.frames("message")).extracting(m -> m.get("body").asText()).doesNotContain("for bob");
            assertThat(json(hub.get("/api/pending/carol").body())).extracting(m -> m.get("body").asText())
                    .doesNotContain("for bob");

            hub.post("/api/channels/create", "{\"name\":\"ops\",\"created_by\":\"alice\"}");
            JsonNode refused = errorFor(alice,
                    "{\"type\":\"send\",\"channel\":\"ops\",\"body\":\"x\",\"to\":\"bob\",\"client_msg_id\":\"x-2\"}");
            assertThat(refused.get("code").asText()).isIn("not_allowed", "not_a_member");
            assertThat(refused.get("client_msg_id").asText()).isEqualTo("x-2");
            JsonNode ghost = errorFor(alice, "{\"type\":\"send\",\"channel\":\"ops\",\"body\":\"x\",\"to\":\"ghost\"}");
            assertThat(ghost.get("code").asText()).isIn("not_allowed", "not_a_member", "participant_not_found");

            alice.send("send", "channel", "ops", "body", "first in ops", "client_msg_id", "x-3");
            JsonNode first = alice.await(f -> "x-3".equals(f.path("client_msg_id").asText()), WAIT);
            assertThat(first.get("seq").asLong()).as("a refused send takes no seq").isEqualTo(1);
        }
    }

    @Test
    void history_after_a_seq_pages_forward_over_the_socket_and_rest() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Seeder.seed(hub, "alice", "general", "h", 10);
            try (RawSocket bob = hub.client("bob", "*")) {
                bob.send(frame("history").put("channel", "general").put("after_seq", 5).put("limit", 3));
                JsonNode page = bob.await("history_result");
                assertThat(page.get("messages")).extracting(m -> m.get("seq").asLong()).containsExactly(6L, 7L, 8L);
                assertThat(page.get("messages")).extracting(m -> m.get("body").asText())
                        .containsExactly("h6", "h7", "h8");

                bob.send(frame("history").put("channel", "general").put("after_seq", 10));
                assertThat(bob.awaitCount(ofType("history_result"), 2, WAIT).get(1).get("messages")).isEmpty();
            }
            JsonNode rest = json(hub.get("/api/messages/general?after_seq=5&limit=3").body());
            assertThat(rest).extracting(m -> m.get("seq").asLong()).containsExactly(6L, 7L, 8L);
            assertThat(json(hub.get("/api/messages/general?after_seq=0").body())).hasSize(10);
        }
    }

    private static String opsId(InProcessHub hub) throws Exception {
        for (JsonNode channel : json(hub.get("/api/channels").body())) {
            if (channel.get("name").asText().equals("ops")) {
                return channel.get("channel_id").asText();
            }
        }
        throw new AssertionError("no channel 'ops'");
    }
}
