package dev.parley.server.socket;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.InboundFrame;
import dev.parley.server.HubServices;
import dev.parley.server.claims.ClaimAnswers;
import dev.parley.server.claims.ClaimInput;
import dev.parley.server.claims.ResourcePattern;
import dev.parley.server.session.Session;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Claim;
import dev.parley.store.Claims;
import java.time.Instant;

/**
 * The {@code claims} extension on the socket: {@code claim} → {@code claim_result}, {@code release} →
 * {@code release_result}, {@code list_claims} → {@code claims}; each answer (and an error) echoes the frame's {@code client_msg_id}. The
 * answers are {@link ClaimAnswers}' — the same as over REST.
 */
final class ClaimFrames {
    private final HubServices hub;

    ClaimFrames(HubServices hub) {
        this.hub = hub;
    }

    void claim(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        ClaimInput input = ClaimInput.of(frame.string("resource"), frame.integer("ttl"), frame.string("note"),
                frame.string("channel"), frame.bool("release_on_disconnect"));
        Claims.Request request = hub.claims().request(session.participant(), input);
        hub.claims().claim(request).whenComplete((outcome, failure) -> {
            if (failure != null) {
                failed.reply(session, frame, failure);
            } else {
                answer(session, frame, "claim_result", ClaimAnswers.outcome(outcome, Instant.now()));
            }
        });
    }

    void release(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String which = frame.string("claim_id") != null ? frame.string("claim_id")
                : ClaimInput.resource(frame.string("resource"));
        hub.claims().release(session.participant(), which).whenComplete((released, failure) -> {
            if (failure != null) {
                failed.reply(session, frame, failure);
            } else {
                answer(session, frame, "release_result",
                        ClaimAnswers.released(session.participant(), which, released, Instant.now()));
            }
        });
    }

    void list(Session session, InboundFrame frame) {
        String overlapping = frame.string("overlapping");
        String resource = overlapping == null ? null : ClaimInput.resource(overlapping);
        Instant now = Instant.now();
        ArrayNode list = WireFormat.object().arrayNode();
        for (Claim claim : hub.claims().live()) {
            if (resource == null || ResourcePattern.overlap(claim.resource(), resource)) {
                list.add(WireFormat.claim(claim, now));
            }
        }
        ObjectNode answer = WireFormat.object();
        answer.set("claims", list);
        answer(session, frame, "claims", answer);
    }

    private static void answer(Session session, InboundFrame frame, String type, ObjectNode body) {
        ObjectNode out = Replies.to(frame, type);
        out.setAll(body);
        session.send(WireFormat.text(out));
    }
}
