package dev.parley.server.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Claim;
import dev.parley.store.Claims;
import dev.parley.store.Timestamps;
import java.time.Instant;
import java.util.Optional;

/** The answers to claim and release, the same on the socket and over REST (the MCP tools and the CLI show them). */
public final class ClaimAnswers {
    private ClaimAnswers() {}

    /**
     * {@code {"granted":true,"renewed":false,"claim":{...}}}, or for a refusal {@code {"granted":false,
     * "error":"claim_held","detail":"...","held_by":{...}}}.
     */
    public static ObjectNode outcome(Claims.Outcome outcome, Instant now) {
        ObjectNode answer = WireFormat.object();
        if (outcome instanceof Claims.Outcome.Granted granted) {
            answer.put("granted", true);
            answer.put("renewed", granted.renewed());
            answer.set("claim", WireFormat.claim(granted.claim(), now));
        } else if (outcome instanceof Claims.Outcome.Refused refused) {
            Claim held = refused.heldBy();
            answer.put("granted", false);
            answer.put("error", ErrorCode.CLAIM_HELD.wire());
            answer.put("detail", "'" + held.resource() + "' is claimed by " + held.holder() + " until "
                    + Timestamps.format(held.expiresAt()) + (held.note().isEmpty() ? "" : " (" + held.note() + ")")
                    + "; ask them, or wait for it to be released or to run out");
            answer.set("held_by", WireFormat.claim(held, now));
        }
        return answer;
    }

    /** Whether the outcome is a refusal. */
    public static boolean isRefused(Claims.Outcome outcome) {
        return outcome instanceof Claims.Outcome.Refused;
    }

    /** {@code {"released":true,"claim":{...}}}, or {@code {"released":false,"error":"not_found","detail":...}}. */
    public static ObjectNode released(String holder, String which, Optional<Claim> released, Instant now) {
        ObjectNode answer = WireFormat.object();
        answer.put("released", released.isPresent());
        if (released.isPresent()) {
            answer.set("claim", WireFormat.claim(released.get(), now));
        } else {
            answer.put("error", ErrorCode.NOT_FOUND.wire());
            answer.put("detail", holder + " holds no live claim '" + which + "' (by claim id or resource)");
        }
        return answer;
    }
}
