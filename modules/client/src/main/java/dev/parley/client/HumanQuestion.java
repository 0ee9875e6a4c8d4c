package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A question put to a human ({@code ask_human}) as the hub shows it: open, answered (by whom, what, when), or expired.
 *
 * @param options the choices; empty when any text answers
 * @param status {@code open}, {@code answered} or {@code expired}
 */
public record HumanQuestion(String questionId, String channelId, String askedBy, String question, List<String> options,
                            String status, Instant askedAt, Instant expiresAt, String answeredBy, String answer,
                            Instant answeredAt) {

    /** A question from the hub's JSON ({@code /api/questions}). */
    public static HumanQuestion of(JsonNode node) {
        List<String> options = new ArrayList<>();
        node.path("options").forEach(o -> options.add(o.asText()));
        return new HumanQuestion(node.path("question_id").asText(), node.path("channel_id").asText(),
                node.path("asked_by").asText(), node.path("question").asText(), List.copyOf(options),
                node.path("status").asText(), instant(node, "asked_at"), instant(node, "expires_at"),
                text(node, "answered_by"), text(node, "answer"), instant(node, "answered_at"));
    }

    /** Whether a human answered it. */
    public boolean answered() {
        return "answered".equals(status);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        return node.hasNonNull(field) ? OffsetDateTime.parse(node.get(field).asText()).toInstant() : null;
    }
}
