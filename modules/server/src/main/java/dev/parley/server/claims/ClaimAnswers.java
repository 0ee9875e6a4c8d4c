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
     * "error":"'src/**' is claimed by ann until ...","code":"claim_held","held_by":{...}}} (the hub's error shape).
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
            answer.put("code", ErrorCode.CLAIM_HELD.wire());
            answer.put("error", "'" + held.resource() + "' is claimed by " + held.holder() + " until "
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

    /** {@code {"released":true,"claim":{...}}}, or {@code {"released":false,"error":"...","code":"not_found"}}. */
    public static ObjectNode released(String holder, String which, Optional<Claim> released, Instant now) {
        ObjectNode answer = WireFormat.object();
        answer.put("released", released.isPresent());
        if (released.isPresent()) {
            answer.set("claim", WireFormat.claim(released.get(), now));
        } else {
            answer.put("code", ErrorCode.NOT_FOUND.wire());
            answer.put("error", holder + " holds no live claim '" + which + "' (by claim id or resource)");
        }
        return answer;
    }
}
