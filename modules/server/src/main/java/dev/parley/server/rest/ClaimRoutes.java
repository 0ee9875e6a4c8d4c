package dev.parley.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.Names;
import dev.parley.server.HubServices;
import dev.parley.server.claims.ClaimAnswers;
import dev.parley.server.claims.ClaimInput;
import dev.parley.server.claims.ResourcePattern;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Claim;
import dev.parley.store.Claims;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Claims (leases) over REST: claim (201 granted, 200 renewed, 409 {@code claim_held} naming the holder), release,
 * and the live claims, which everyone on the hub may see.
 *
 * <pre>curl -X POST localhost:9700/api/claims -d '{"participant":"ci","resource":"src/**","ttl":600,"note":"refactor"}'
 * curl -X POST localhost:9700/api/claims/release -d '{"participant":"ci","resource":"src/**"}'
 * curl 'localhost:9700/api/claims?overlapping=src/a.java'</pre>
 */
final class ClaimRoutes {
    private final HubServices hub;
    private final RestAccess access;

    ClaimRoutes(HubServices hub, RestAccess access) {
        this.hub = hub;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/claims", this::list);
        routes.post("/api/claims", this::claim);
        routes.post("/api/claims/release", this::release);
    }

    /** Live claims, oldest first; {@code holder} and {@code overlapping} narrow the list. */
    private void list(Context ctx) {
        access.read(ctx);
        String holder = ctx.queryParam("holder");
        String overlapping = ctx.queryParam("overlapping");
        String resource = overlapping == null ? null : ClaimInput.resource(overlapping);
        Instant now = Instant.now();
        ArrayNode list = WireFormat.object().arrayNode();
        for (Claim claim : hub.claims().live()) {
            if ((holder == null || claim.holder().equals(holder))
                    && (resource == null || ResourcePattern.overlap(claim.resource(), resource))) {
                list.add(WireFormat.claim(claim, now));
            }
        }
        ctx.json(list);
    }

    private void claim(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String holder = Names.participant(body.requiredString("participant", ErrorCode.BAD_FIELD));
        access.read(ctx); // the hub token first, as for any request
        ClaimInput input = ClaimInput.of(body.string("resource"), body.integer("ttl"), body.string("note"),
                body.string("channel"), body.bool("release_on_disconnect"));
        Claims.Request request = hub.claims().request(holder, input); // checked before anything is written
        CompletableFuture<String> registered = access.actAsRegistering(ctx, holder, body);
        ctx.future(() -> registered.thenCompose(key -> hub.claims().claim(request)).thenAccept(outcome -> {
            ObjectNode answer = ClaimAnswers.outcome(outcome, Instant.now());
            ctx.status(ClaimAnswers.isRefused(outcome) ? 409 : answer.path("renewed").asBoolean() ? 200 : 201)
                    .json(answer);
        }));
    }

    private void release(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String holder = access.actAs(ctx, body.requiredString("participant", ErrorCode.BAD_FIELD), body);
        String which = body.string("claim_id") != null ? body.string("claim_id")
                : ClaimInput.resource(body.string("resource"));
        ctx.future(() -> hub.claims().release(holder, which).thenAccept(released -> {
            ObjectNode answer = ClaimAnswers.released(holder, which, released, Instant.now());
            ctx.status(released.isPresent() ? 200 : 404).json(answer);
        }));
    }
}
