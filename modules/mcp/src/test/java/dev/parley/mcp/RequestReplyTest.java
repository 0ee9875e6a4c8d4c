package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.RawSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code request}: the MCP agent asks a second agent (a WebSocket participant here) and gets its
 * reply; it fails fast when nobody can answer, and a reply that comes too late is not lost.
 */
class RequestReplyTest extends HubAndAgent {
    /** An agent that reads its questions and answers none. */
    private static final BiFunction<RawSocket, JsonNode, String> SILENT = (self, message) -> null;

    @Test
    void a_request_round_trips_through_a_second_agent() {
        try (RawSocket b = agent("agent-b", (self, m) -> "answer to " + m.path("body").asText())) {
            long start = System.nanoTime();
            JsonNode result = mcp.ok("request", "to", "agent-b", "body", "what is 6*7?", "timeout_seconds", 30);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            JsonNode reply = result.path("reply");
            assertThat(reply.path("body").asText()).isEqualTo("answer to what is 6*7?");
            assertThat(reply.path("sender").asText()).isEqualTo("agent-b");
            assertThat(reply.path("reply_to").asText()).isEqualTo(result.path("request_id").asText());
            assertThat(reply.path("channel").asText()).isEqualTo("dm:agent-a:agent-b");
            assertThat(millis).isLessThan(10_000);
            JsonNode question = b.await(f -> f.path("body").asText().equals("what is 6*7?"), Duration.ofSeconds(5));
            assertThat(question.path("to").asText()).isEqualTo("agent-b");
            assertThat(question.path("message_id").asText()).isEqualTo(result.path("request_id").asText());
        }
    }

    @Test
    void a_request_can_be_asked_in_a_shared_channel() {
        try (RawSocket c = agent("agent-c", (self, m) -> "yes")) {
            JsonNode result = mcp.ok("request", "to", "agent-c", "body", "ready?", "channel", "general",
                    "metadata", java.util.Map.of("kind", "probe"));
            assertThat(result.path("reply").path("channel").asText()).isEqualTo("general");
            assertThat(c.await(f -> f.path("body").asText().equals("ready?"), Duration.ofSeconds(5)).path("to").asText())
                    .isEqualTo("agent-c");
            // Targeted at agent-c: read by its target (or its sender) only.
            JsonNode asTarget = hub.rest().getJson("/api/message/" + result.path("request_id").asText(),
                    "X-Parley-Name", "agent-c");
            assertThat(asTarget.path("metadata").path("kind").asText()).isEqualTo("probe");
        }
    }

    @Test
    void a_request_fails_at_once_when_the_target_is_offline() {
        agent("agent-gone", SILENT).close();
        awaitOffline("agent-gone");

        long start = System.nanoTime();
        String error = mcp.error("request", "to", "agent-gone", "body", "hello?", "timeout_seconds", 60);

        assertThat(error).contains("'agent-gone' is offline").contains("send_dm");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    }

    @Test
    void a_request_fails_early_when_the_target_leaves_without_answering() {
        agent("agent-d", (self, m) -> {
            self.abort(); // crashes on receiving the question
            return null;
        });

        long start = System.nanoTime();
        String error = mcp.error("request", "to", "agent-d", "body", "will you crash?", "timeout_seconds", 60);

        assertThat(error).contains("'agent-d' went offline before answering");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
    }

    @Test
    void a_late_reply_is_not_lost_but_comes_through_wait_for_messages() {
        try (RawSocket e = agent("agent-e", SILENT)) {
            String error = mcp.error("request", "to", "agent-e", "body", "slow question", "timeout_seconds", 1);
            assertThat(error).contains("no reply from 'agent-e' within 1 s").contains("wait_for_messages");

            JsonNode question = e.await(f -> f.path("body").asText().equals("slow question"), Duration.ofSeconds(10));
            e.send(Json.mapper().createObjectNode().put("type", "send").put("channel", question.path("channel_id").asText())
                    .put("body", "slow answer").put("reply_to", question.path("message_id").asText()));

            JsonNode late = mcp.ok("wait_for_messages", "timeout_seconds", 20).path("messages").get(0);
            assertThat(late.path("body").asText()).isEqualTo("slow answer");
            assertThat(late.path("reply_to").asText()).isEqualTo(question.path("message_id").asText());
        }
    }

    /**
     * A second agent on a raw socket (all features): acks each message it gets and answers each one targeted at it
     * with {@code answer.apply(itself, message)} in the same channel ({@code reply_to} its id; null: stays silent).
     */
    private static RawSocket agent(String name, BiFunction<RawSocket, JsonNode, String> answer) {
        RawSocket agent = RawSocket.auth(hub.port(), name, "*");
        return agent.observe(frame -> {
            if (!frame.path("type").asText().equals("message")) {
                return;
            }
            if (name.equals(frame.path("to").asText())) {
                String reply = answer.apply(agent, frame);
                if (reply != null) {
                    agent.send(Json.mapper().createObjectNode().put("type", "send")
                            .put("channel", frame.path("channel_id").asText()).put("body", reply)
                            .put("reply_to", frame.path("message_id").asText()));
                }
            }
            if (!agent.isClosed()) {
                agent.send(Json.mapper().createObjectNode().put("type", "ack")
                        .put("channel_id", frame.path("channel_id").asText()).put("seq", frame.path("seq").asLong()));
            }
        });
    }

    private static void awaitOffline(String name) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (mcp.ok("presence", "name", name).path("online").asBoolean()) {
            assertThat(System.nanoTime()).as(name + " still online").isLessThan(deadline);
            sleepBriefly();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
