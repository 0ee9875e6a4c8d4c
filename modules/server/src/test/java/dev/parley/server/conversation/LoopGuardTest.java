package dev.parley.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.server.HubConfig;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop guard through the real hub: two agents talking in a loop are stopped at N; a human lets them go on. */
class LoopGuardTest {
    @TempDir
    Path dir;
    private InProcessHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void two_agents_in_a_loop_are_stopped_at_n_and_a_humans_message_lets_them_go_on() throws Exception {
        hub = InProcessHub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withLoopGuard(6));
        try (RawSocket ping = hub.client("ping-bot", "acked_send"); RawSocket pong = hub.client("pong-bot", "acked_send");
             RawSocket human = human("hana")) {
            for (int i = 1; i <= 6; i++) {
                RawSocket agent = i % 2 == 1 ? ping : pong;
                String id = "m" + i;
                agent.send("send", "channel", "general", "body", "echo " + i, "client_msg_id", id);
                assertThat(agent.await(f -> f.path("type").asText().equals("sent")
                        && f.path("client_msg_id").asText().equals(id), Duration.ofSeconds(10))).isNotNull();
            }
            // The 7th agent message would pass the limit: refused, and one notice is posted in its place.
            pong.send("send", "channel", "general", "body", "echo 7", "client_msg_id", "m7");
            JsonNode refused = pong.await("error");
            assertThat(refused.path("code").asText()).isEqualTo("loop_guard");
            assertThat(refused.path("client_msg_id").asText()).isEqualTo("m7");
            assertThat(refused.path("detail").asText()).contains("6 messages").contains("/continue");
            JsonNode notice = human.await(f -> f.path("type").asText().equals("message")
                    && f.path("sender").asText().equals("parley"), Duration.ofSeconds(10));
            assertThat(notice.path("message_type").asText()).isEqualTo("system");
            assertThat(notice.path("body").asText()).contains("Loop guard");

            // Targeted request/reply between the two agents is refused too, over REST as well.
            ping.send("send", "channel", "general", "body", "you there?", "to", "pong-bot", "client_msg_id", "m8");
            assertThat(ping.await("error").path("code").asText()).isEqualTo("loop_guard");
            HttpResponse<String> rest = hub.post("/api/send", "{\"sender\":\"ping-bot\",\"channel\":\"general\","
                    + "\"body\":\"over rest\"}");
            assertThat(rest.statusCode()).isEqualTo(409);
            assertThat(rest.body()).contains("loop_guard");
            JsonNode state = Json.mapper().readTree(hub.get("/api/channels/general/loop-guard").body());
            assertThat(state.path("paused").asBoolean()).isTrue();
            assertThat(state.path("limit").asInt()).isEqualTo(6);
            assertThat(hub.get("/metrics").body()).containsPattern("(?m)^parley_loop_guard_trips_total 1$");
            assertThat(history()).filteredOn(m -> m.path("sender").asText().equals("parley")).as("one notice").hasSize(1);
            assertThat(history()).extracting(m -> m.path("body").asText()).doesNotContain("echo 7", "you there?",
                    "over rest");

            // A human's /continue lifts it; the agents may go on.
            human.send("send", "channel", "general", "body", "/continue", "client_msg_id", "h1");
            JsonNode lifted = human.await("sent");
            assertThat(lifted.path("client_msg_id").asText()).isEqualTo("h1");
            ping.send("send", "channel", "general", "body", "echo 9", "client_msg_id", "m9");
            assertThat(ping.await(f -> f.path("type").asText().equals("sent")
                    && f.path("client_msg_id").asText().equals("m9"), Duration.ofSeconds(10))).isNotNull();
            assertThat(Json.mapper().readTree(hub.get("/api/channels/general/loop-guard").body())
                    .path("agent_streak").asInt()).isEqualTo(1);
            assertThat(history()).extracting(m -> m.path("body").asText())
                    .anySatisfy(body -> assertThat(body).startsWith("/continue: the loop guard is lifted"));
        }
    }

    @Test
    void a_human_sets_a_channels_own_limit_and_an_agent_may_not() throws Exception {
        hub = InProcessHub.start(dir);
        try (RawSocket human = human("hana"); RawSocket bot = hub.client("chatty-bot", "acked_send");
             RawSocket other = hub.client("other-bot", "acked_send")) {
            HttpResponse<String> byBot = hub.post("/api/channels/loop-guard",
                    "{\"participant\":\"chatty-bot\",\"channel\":\"general\",\"limit\":0}");
            assertThat(byBot.statusCode()).isEqualTo(403);
            assertThat(byBot.body()).contains("only a human");

            HttpResponse<String> set = hub.post("/api/channels/loop-guard",
                    "{\"participant\":\"hana\",\"channel\":\"general\",\"limit\":2}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(Json.mapper().readTree(set.body()).path("channel_limit").asInt()).isEqualTo(2);
            bot.send("send", "channel", "general", "body", "x", "client_msg_id", "b1");
            bot.await("sent");
            other.send("send", "channel", "general", "body", "y", "client_msg_id", "o1");
            other.await("sent");
            bot.send("send", "channel", "general", "body", "x3", "client_msg_id", "b3");
            assertThat(bot.await("error").path("code").asText()).isEqualTo("loop_guard");

            HttpResponse<String> off = hub.post("/api/channels/loop-guard",
                    "{\"participant\":\"hana\",\"channel\":\"general\",\"limit\":0}");
            assertThat(Json.mapper().readTree(off.body()).path("limit").asInt()).isZero();
            human.send("send", "channel", "general", "body", "carry on", "client_msg_id", "h1");
            human.await("sent");
            for (int i = 4; i <= 10; i++) {
                bot.send("send", "channel", "general", "body", "x" + i, "client_msg_id", "b" + i);
            }
            bot.await(f -> f.path("type").asText().equals("sent") && f.path("client_msg_id").asText().equals("b10"),
                    Duration.ofSeconds(10));
            assertThat(bot.frames("error")).as("off: nothing refused after the human").hasSize(1);
            assertThat(hub.post("/api/channels/loop-guard", "{\"participant\":\"hana\",\"channel\":\"general\","
                    + "\"limit\":-1}").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void one_agent_reporting_alone_and_services_never_trip_it() throws Exception {
        hub = InProcessHub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withLoopGuard(3));
        try (RawSocket reporter = hub.client("reporter-bot", "acked_send")) {
            for (int i = 1; i <= 8; i++) {
                String id = "r" + i;
                reporter.send("send", "channel", "general", "body", "progress " + i, "client_msg_id", id);
                reporter.await(f -> f.path("type").asText().equals("sent") && f.path("client_msg_id").asText()
                        .equals(id), Duration.ofSeconds(10));
            }
            assertThat(reporter.frames("error")).isEmpty();
        }
        for (int i = 1; i <= 8; i++) {
            String sender = i % 2 == 0 ? "ci-a" : "ci-b";
            HttpResponse<String> sent = hub.post("/api/send", "{\"sender\":\"" + sender + "\",\"channel\":\"general\","
                    + "\"body\":\"build " + i + "\",\"participant_type\":\"service\"}");
            assertThat(sent.statusCode()).as(sent.body()).isIn(200, 201);
        }
    }

    private RawSocket human(String name) {
        RawSocket socket = RawSocket.connect(hub.port());
        socket.send(RawSocket.authFrame(name, "acked_send").put("participant_type", "human"));
        socket.await("auth_ok");
        socket.roundTrip();
        return socket;
    }

    private JsonNode history() throws Exception {
        return Json.mapper().readTree(hub.get("/api/messages/general?limit=100").body());
    }
}
