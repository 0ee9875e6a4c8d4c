package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.RawSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** ask_human: the MCP call blocks until a human answers (here over REST, as the CLI does), or times out. */
class AskHumanTest extends HubAndAgent {
    @Test
    void the_call_returns_who_answered_what_and_when() throws Exception {
        try (RawSocket person = RawSocket.connect(hub.port())) {
            person.send(RawSocket.authFrame("olga").put("participant_type", "human"));
            person.await("auth_ok");
            person.roundTrip();
            CompletableFuture<JsonNode> call = CompletableFuture.supplyAsync(() -> mcp.ok("ask_human",
                    "channel", "general", "question", "Drop the staging database?", "options", List.of("yes", "no"),
                    "timeout", 120));
            JsonNode question = person.await(f -> f.path("type").asText().equals("message")
                    && f.path("message_type").asText().equals("action"), Duration.ofSeconds(20));
            assertThat(call).isNotDone();

            String id = question.path("message_id").asText();
            assertThat(hub.rest().postJson("/api/questions/" + id + "/answer",
                    "{\"participant\":\"olga\",\"answer\":\"no\"}").path("status").asText()).isEqualTo("answered");

            JsonNode result = call.get();
            assertThat(result.path("answered").asBoolean()).isTrue();
            assertThat(result.path("answered_by").asText()).isEqualTo("olga");
            assertThat(result.path("answer").asText()).isEqualTo("no");
            assertThat(result.path("question_id").asText()).isEqualTo(id);
            assertThat(result.path("answered_at").asText()).isNotBlank();
        }
    }

    @Test
    void no_answer_in_time_is_a_clear_timeout() {
        JsonNode result = mcp.ok("ask_human", "channel", "general", "question", "Anyone?", "timeout", 1);
        assertThat(result.path("answered").asBoolean()).isFalse();
        assertThat(result.path("timed_out").asBoolean()).isTrue();
        assertThat(result.path("status").asText()).isEqualTo("expired");
    }

    @Test
    void naming_neither_channel_nor_person_is_a_tool_error() {
        assertThat(mcp.error("ask_human", "question", "where?")).contains("exactly one of 'channel'");
    }
}
