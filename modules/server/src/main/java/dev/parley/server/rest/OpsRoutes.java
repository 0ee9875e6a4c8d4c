package dev.parley.server.rest;

import dev.parley.server.HubInfo;
import dev.parley.server.HubServices;
import dev.parley.store.HubCounts;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /}, {@code /health} (the hub serves and its database answers) and {@code /metrics}
 * (Prometheus text). Open to every peer: they reveal counts, never content.
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
        routes.get("/", this::health);
        routes.get("/health", this::health);
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(hub.metrics().render()));
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            HubCounts counts = hub.store().counts();
            body.put("status", "ok");
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
            ctx.json(body);
        } catch (RuntimeException e) {
            body.put("status", "error");
            body.put("error", "database: " + e.getMessage());
            ctx.status(503).json(body);
        }
    }
}
