package dev.parley.server.rest;

import dev.parley.server.HubInfo;
import dev.parley.server.HubServices;
import dev.parley.server.wire.Errors;
import dev.parley.store.HubCounts;
import dev.parley.store.StoreHealth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /} (browsers: a redirect to {@code /chat}), {@code /health} (the hub serves and its database answers) and {@code /metrics}
 * (Prometheus text). Open to every peer: they reveal counts, never content.
 *
 * <p>While writes fail (disk full, database locked or unwritable) {@code /health} answers
 * {@code "status":"degraded"} with a {@code reason}, still with HTTP 200: the hub keeps serving
 * reads and live delivery, recovers by itself once the cause is gone, and a restart would not help,
 * so a supervisor that restarts on a failing status code must not act on it. 503 stays for a
 * database that does not answer at all. Tools that wait for {@code "ok"} keep waiting.
 *
 * <pre>curl localhost:9700/health</pre>
 */
final class OpsRoutes {
    private final HubServices hub;
    private final HubInfo info;

    OpsRoutes(HubServices hub, HubInfo info) {
        this.hub = hub;
        this.info = info;
    }

    void register(RoutesConfig routes) {
        routes.get("/", this::root);
        routes.get("/health", this::health);
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(hub.metrics().render()));
    }

    /**
     * {@code GET /}: a browser (it asks for HTML) goes to the chat page; every other client gets the health JSON, as
     * from the reference hub.
     */
    private void root(Context ctx) {
        ctx.header("Vary", "Accept");
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/html")) {
            ctx.redirect("/chat", HttpStatus.SEE_OTHER);
        } else {
            health(ctx);
        }
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            HubCounts counts = hub.store().counts();
            StoreHealth store = hub.store().health();
            body.put("status", store.degraded() ? "degraded" : "ok");
            if (store.degraded()) {
                body.put("reason", store.reason());
                body.put("code", Errors.toProtocol(store.fault()).code().wire());
                body.put("degraded_since", store.since().toString());
            }
            body.put("product", info.product());
            body.put("version", info.version());
            body.put("build_hash", info.buildHash());
            body.put("participants", counts.participants());
            body.put("channels", counts.channels());
            body.put("messages", counts.messages());
            body.put("online", hub.sessions().onlineParticipants().size());
            body.put("queued", counts.queued());
            body.put("connections", hub.sessions().connectionCount());
            body.put("auth_mode", hub.auth().mode().wire());
            if (store.lastFaultAt() != null) {
                body.put("last_write_failure_at", store.lastFaultAt().toString());
            }
            ctx.json(body);
        } catch (RuntimeException e) {
            body.put("status", "error");
            body.put("error", "database: " + e.getMessage());
            ctx.status(503).json(body);
        }
    }
}
