package dev.parley.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /} and {@code GET /health}: the hub is up and its database answers.
 *
 * <pre>curl http://localhost:9700/health</pre>
 */
final class HealthRoutes {
    private final HubInfo info;
    private final Connection reader;

    HealthRoutes(HubInfo info, Connection reader) {
        this.info = info;
        this.reader = reader;
    }

    void register(RoutesConfig routes) {
        routes.get("/", this::health);
        routes.get("/health", this::health);
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            Map<String, Long> counts = counts();
            body.put("status", "ok");
            body.put("product", info.product());
            body.put("version", info.version());
            body.put("build_hash", info.buildHash());
            body.putAll(counts);
            body.put("online", 0);
            body.put("queued", 0);
            ctx.json(body);
        } catch (SQLException e) {
            body.put("status", "error");
            body.put("error", "database: " + e.getMessage());
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(body);
        }
    }

    private Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        synchronized (reader) {
            try (Statement statement = reader.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT (SELECT count(*) FROM participants),"
                         + " (SELECT count(*) FROM channels), (SELECT count(*) FROM messages)")) {
                rows.next();
                counts.put("participants", rows.getLong(1));
                counts.put("channels", rows.getLong(2));
                counts.put("messages", rows.getLong(3));
            }
        }
        return counts;
    }
}
