package dev.parley.server.questions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Questions for a human through the real hub: ask, who may answer, once, in time, what others see. */
class QuestionsTest {
    @TempDir
    static Path dir;
    private static InProcessHub hub;
    private static RawSocket maria;

    @BeforeAll
    static void start() throws Exception {
        hub = InProcessHub.start(dir);
        ObjectNode human = RawSocket.authFrame("maria").put("participant_type", "human");
        maria = RawSocket.connect(hub.port());
        maria.send(human);
        maria.await("auth_ok");
        maria.roundTrip();
        assertThat(hub.post("/api/send", "{\"sender\":\"deployer\",\"channel\":\"general\",\"body\":\"up\"}")
                .statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        maria.close();
        hub.close();
    }

    @Test
    void a_human_answers_once_and_the_answer_is_kept_with_the_question_and_told_to_the_channel() throws Exception {
        JsonNode asked = ask("{\"participant\":\"deployer\",\"channel\":\"general\",\"question\":\"Ship 2.1?\","
                + "\"options\":[\"approve\",\"deny\"],\"timeout\":600}", 201);
        String id = asked.path("question_id").asText();
        assertThat(asked.path("status").asText()).isEqualTo("open");
        assertThat(asked.path("message").path("message_type").asText()).isEqualTo("action");
        JsonNode seen = maria.await(f -> f.path("type").asText().equals("message")
                && f.path("message_id").asText().equals(id), Duration.ofSeconds(10));
        assertThat(seen.path("metadata").path("parley_question").path("options").toString())
                .isEqualTo("[\"approve\",\"deny\"]");
        assertThat(Json.mapper().readTree(hub.get("/api/questions").body()))
                .extracting(q -> q.path("question_id").asText()).contains(id);

        HttpResponse<String> byAgent = answer(id, "deployer", "approve");
        assertThat(byAgent.statusCode()).as(byAgent.body()).isEqualTo(403);
        assertThat(byAgent.body()).contains("only a human answers").contains("'ai'");

        HttpResponse<String> unknownChoice = answer(id, "maria", "maybe");
        assertThat(unknownChoice.statusCode()).isEqualTo(400);
        assertThat(unknownChoice.body()).contains("approve, deny");

        HttpResponse<String> yes = answer(id, "maria", "APPROVE");
        assertThat(yes.statusCode()).as(yes.body()).isEqualTo(200);
        JsonNode answered = Json.mapper().readTree(yes.body());
        assertThat(answered.path("status").asText()).isEqualTo("answered");
        assertThat(answered.path("answer").asText()).as("the option as written").isEqualTo("approve");
        assertThat(answered.path("answered_by").asText()).isEqualTo("maria");

        HttpResponse<String> again = answer(id, "maria", "deny");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("question_closed").contains("already answered by maria");

        JsonNode reply = Json.mapper().readTree(hub.get("/api/message/" + answered.path("answer_id").asText()).body());
        assertThat(reply.path("reply_to").asText()).isEqualTo(id);
        assertThat(reply.path("sender").asText()).isEqualTo("maria");
        assertThat(Json.mapper().readTree(hub.get("/api/questions/" + id).body()).path("answer").asText())
                .isEqualTo("approve");
        assertThat(Json.mapper().readTree(hub.get("/api/questions").body()))
                .extracting(q -> q.path("question_id").asText()).doesNotContain(id);
    }

    @Test
    void a_question_to_a_person_goes_to_their_dm_takes_free_text_and_strangers_cannot_see_or_answer_it()
            throws Exception {
        JsonNode asked = ask("{\"participant\":\"deployer\",\"to\":\"maria\",\"question\":\"Which region first?\"}",
                201);
        String id = asked.path("question_id").asText();
        assertThat(asked.path("free_text").asBoolean()).isTrue();
        assertThat(asked.path("message").path("channel_name").asText()).isEqualTo("dm:deployer:maria");

        RawSocket eve = RawSocket.connect(hub.port());
        eve.send(RawSocket.authFrame("eve").put("participant_type", "human"));
        eve.await("auth_ok");
        eve.close();
        HttpResponse<String> stranger = answer(id, "eve", "eu-west");
        assertThat(stranger.statusCode()).as("another pair's DM: as if it did not exist").isEqualTo(404);
        assertThat(hub.getAs("eve", "/api/questions").body()).doesNotContain(id);

        HttpResponse<String> words = answer(id, "maria", "  eu-west, then us-east  ");
        assertThat(words.statusCode()).as(words.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(words.body()).path("answer").asText()).isEqualTo("eu-west, then us-east");
    }

    @Test
    void a_question_past_its_timeout_can_no_longer_be_answered() throws Exception {
        String id = ask("{\"participant\":\"deployer\",\"channel\":\"general\",\"question\":\"Quick?\","
                + "\"options\":[\"yes\"],\"timeout\":1}", 201).path("question_id").asText();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && Json.mapper().readTree(hub.get("/api/questions/" + id).body())
                .path("status").asText().equals("open")) {
            Thread.sleep(50); // the question's own clock: polled, not guessed
        }
        HttpResponse<String> late = answer(id, "maria", "yes");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("timed out");
    }

    @Test
    void sockets_ask_and_answer_with_the_questions_feature() throws Exception {
        try (RawSocket bot = hub.client("socket-bot", "questions")) {
            bot.send("ask_human", "channel", "general", "question", "Rotate the keys?", "client_msg_id", "q1");
            JsonNode asked = bot.await("question_asked");
            assertThat(asked.path("client_msg_id").asText()).isEqualTo("q1");
            String id = asked.path("question").path("question_id").asText();
            assertThat(asked.path("question").path("free_text").asBoolean()).isTrue();

            bot.send("answer", "question_id", id, "answer", "yes");
            assertThat(bot.await("error").path("code").asText()).as("an agent does not answer").isEqualTo("not_allowed");

            maria.send("answer", "question_id", id, "answer", "yes, tonight");
            JsonNode result = maria.await("answer_result");
            assertThat(result.path("question").path("answer").asText()).isEqualTo("yes, tonight");
            JsonNode reply = bot.await(f -> f.path("type").asText().equals("message")
                    && id.equals(f.path("reply_to").asText()), Duration.ofSeconds(10));
            assertThat(reply.path("metadata").path("parley_answer").path("answer").asText()).isEqualTo("yes, tonight");
        }
    }

    @Test
    void bad_questions_get_clear_errors() throws Exception {
        assertThat(ask("{\"participant\":\"deployer\",\"question\":\"where?\"}", 400).path("error").asText())
                .contains("exactly one of 'channel'");
        assertThat(ask("{\"participant\":\"deployer\",\"channel\":\"general\",\"to\":\"maria\",\"question\":\"x\"}", 400)
                .path("error").asText()).contains("exactly one");
        assertThat(ask("{\"participant\":\"deployer\",\"channel\":\"general\",\"question\":\" \"}", 400)
                .path("code").asText()).isEqualTo("empty_body");
        assertThat(ask("{\"participant\":\"deployer\",\"channel\":\"general\",\"question\":\"x\",\"options\":[\"a\",\"a\"]}",
                400).path("error").asText()).contains("twice");
        assertThat(ask("{\"participant\":\"deployer\",\"channel\":\"general\",\"question\":\"x\",\"timeout\":0}", 400)
                .path("error").asText()).contains("1 to 86400");
        assertThat(ask("{\"participant\":\"deployer\",\"to\":\"deployer\",\"question\":\"x\"}", 400)
                .path("error").asText()).contains("the asker");
        assertThat(answer("ty-000000000000", "maria", "x").statusCode()).isEqualTo(404);
    }

    private static JsonNode ask(String body, int status) throws Exception {
        HttpResponse<String> response = hub.post("/api/questions", body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(status);
        return Json.mapper().readTree(response.body());
    }

    private static HttpResponse<String> answer(String id, String who, String answer) {
        return hub.post("/api/questions/" + id + "/answer", "{\"participant\":\"" + who + "\",\"answer\":"
                + Json.mapper().getNodeFactory().textNode(answer) + "}");
    }
}
