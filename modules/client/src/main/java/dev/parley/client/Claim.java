package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A live claim (lease) on a resource — a path, a glob, a ticket — as the hub shows it.
 *
 * @param channelId where its changes are announced, or null
 */
public record Claim(String claimId, String resource, String holder, String note, String channelId,
                    boolean releaseOnDisconnect, Instant claimedAt, Instant renewedAt, Instant expiresAt) {

    /** A claim from the hub's JSON ({@code /api/claims}). */
    public static Claim of(JsonNode node) {
        return new Claim(node.path("claim_id").asText(), node.path("resource").asText(), node.path("holder").asText(),
                node.path("note").asText(""), node.hasNonNull("channel_id") ? node.get("channel_id").asText() : null,
                node.path("release_on_disconnect").asBoolean(), instant(node, "claimed_at"),
                instant(node, "renewed_at"), instant(node, "expires_at"));
    }

    private static Instant instant(JsonNode node, String field) {
        return node.hasNonNull(field) ? OffsetDateTime.parse(node.get(field).asText()).toInstant() : null;
    }

    /**
     * The answer to a claim: granted (possibly a renewal of one's own), or refused with the claim that stands in the
     * way and the hub's words for it.
     */
    public record Result(boolean granted, boolean renewed, Claim claim, Claim heldBy, String detail) {
        /** From the hub's answer to {@code POST /api/claims}. */
        public static Result of(JsonNode answer) {
            boolean granted = answer.path("granted").asBoolean();
            return new Result(granted, answer.path("renewed").asBoolean(),
                    answer.hasNonNull("claim") ? Claim.of(answer.get("claim")) : null,
                    answer.hasNonNull("held_by") ? Claim.of(answer.get("held_by")) : null,
                    answer.path("error").asText(null));
        }
    }
}
