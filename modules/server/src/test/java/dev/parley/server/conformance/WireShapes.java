package dev.parley.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The compat wire shapes of PROTOCOL.md as AssertJ checks, shared by the conformance tests: id and
 * timestamp formats, the fields of a message, a channel and an error, and small frame helpers.
 */
final class WireShapes {
    static final String MESSAGE_ID = "ty-[0-9a-f]{12}";
    static final String CHANNEL_ID = "ch-[0-9a-f]{12}";
    /** ISO-8601 UTC with microseconds and an explicit +00:00 offset. */
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00";

    /** Frame types a compat (Tentyl 2.0) client knows; anything else is an extension. */
    static final Set<String> COMPAT_FRAME_TYPES = Set.of("auth_ok", "register_ok", "message", "queued", "presence",
            "error", "pong", "history_result", "typing", "receipt");

    private WireShapes() {}

    /** Every compat field of a {@code message} frame or {@code queued} entry, with its JSON type and format. */
    static void assertMessage(JsonNode m) {
        assertThat(m.get("message_id").isTextual()).as("message_id is a string in %s", m).isTrue();
        assertThat(m.get("message_id").asText()).matches(MESSAGE_ID);
        assertThat(m.get("channel_id").isTextual()).as("channel_id in %s", m).isTrue();
        assertThat(m.get("channel_id").asText()).matches(CHANNEL_ID + "|ch-general");
        assertThat(m.get("channel_name").isTextual()).as("channel_name in %s", m).isTrue();
        assertThat(m.get("sender").isTextual()).as("sender in %s", m).isTrue();
        assertThat(m.get("body").isTextual()).as("body in %s", m).isTrue();
        assertThat(m.get("message_type").asText()).isIn("text", "system", "code", "file_ref", "action");
        assertThat(m.get("priority").asText()).isIn("urgent", "normal", "low");
        assertThat(m.has("reply_to")).as("reply_to present (null or id) in %s", m).isTrue();
        assertThat(m.get("reply_to").isNull() || m.get("reply_to").isTextual()).isTrue();
        assertThat(m.get("metadata").isObject()).as("metadata is an object in %s", m).isTrue();
        assertTimestamp(m.get("created_at"));
    }

    /** The compat fields of a {@code history_result} entry. */
    static void assertHistoryEntry(JsonNode m) {
        assertThat(m.get("message_id").asText()).matches(MESSAGE_ID);
        assertThat(m.get("sender").isTextual()).isTrue();
        assertThat(m.get("body").isTextual()).isTrue();
        assertThat(m.get("message_type").isTextual()).isTrue();
        assertThat(m.get("priority").isTextual()).isTrue();
        assertTimestamp(m.get("created_at"));
    }

    /** A channel object of {@code /api/channels}. */
    static void assertChannel(JsonNode c) {
        assertThat(c.get("channel_id").asText()).matches(CHANNEL_ID + "|ch-general");
        assertThat(c.get("name").isTextual()).isTrue();
        assertThat(c.get("channel_type").asText()).isIn("group", "dm", "broadcast");
        assertThat(c.has("created_by")).isTrue();
        assertThat(c.get("created_by").isNull() || c.get("created_by").isTextual()).isTrue();
        assertThat(c.get("topic").isTextual()).as("topic in %s", c).isTrue();
        assertThat(c.get("is_private").isIntegralNumber()).as("is_private is 0/1 in %s", c).isTrue();
        assertThat(c.get("is_private").asInt()).isIn(0, 1);
        assertTimestamp(c.get("created_at"));
        assertTimestamp(c.get("last_activity"));
    }

    static void assertTimestamp(JsonNode value) {
        assertThat(value).isNotNull();
        assertThat(value.isTextual()).as("timestamp is a string: %s", value).isTrue();
        assertThat(value.asText()).matches(TIMESTAMP);
    }

    /** An {@code error} frame with this code and a non-blank detail. */
    static void assertError(JsonNode frame, String code) {
        assertThat(frame.get("type").asText()).isEqualTo("error");
        assertThat(frame.get("code").asText()).isEqualTo(code);
        assertThat(frame.get("detail").isTextual()).isTrue();
        assertThat(frame.get("detail").asText()).isNotBlank();
    }

    /** A REST error: the status, and a JSON object body with a non-blank string {@code error}. */
    static JsonNode assertRestError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        JsonNode body = json(response.body());
        assertThat(body.isObject()).as("error body is an object: %s", response.body()).isTrue();
        assertThat(body.path("error").isTextual()).as("'error' is a string: %s", response.body()).isTrue();
        assertThat(body.get("error").asText()).isNotBlank();
        return body;
    }

    /** Polls a GET until it answers 200 with JSON satisfying the condition (state that settles in the background). */
    static JsonNode awaitJson(InProcessHub hub, String path, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = hub.get(path);
            last = response.body();
            if (response.statusCode() == 200 && condition.test(json(last))) {
                return json(last);
            }
            Thread.sleep(5); // poll interval, not synchronisation: the loop waits for the condition
        }
        throw new AssertionError(path + " never matched; last: " + last);
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode frame(String type) {
        return Json.mapper().createObjectNode().put("type", type);
    }

    static Predicate<JsonNode> ofType(String type) {
        return f -> type.equals(f.path("type").asText());
    }

    /** Sends a frame and returns the next error frame it caused (every frame before it was already counted). */
    static JsonNode errorFor(RawSocket client, String frameText) {
        int before = client.frames("error").size();
        client.sendText(frameText);
        return client.awaitCount(ofType("error"), before + 1, Duration.ofSeconds(10)).get(before);
    }

    /**
     * Waits until every fan-out queued before now has been queued to its sessions: the sender posts a
     * marker to {@code channel} and the witness awaits it (fan-out runs in commit order on one
     * thread); a {@code roundTrip()} on any other client then shows all it was sent.
     */
    static void fanOutBarrier(RawSocket sender, RawSocket witness, String channel) {
        String marker = "barrier-" + System.nanoTime();
        sender.send("send", "channel", channel, "body", marker);
        witness.await(f -> marker.equals(f.path("body").asText()), Duration.ofSeconds(10));
    }
}
