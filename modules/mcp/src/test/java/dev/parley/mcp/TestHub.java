package dev.parley.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.server.Hub;
import dev.parley.server.HubConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * A real hub in this JVM on a free loopback port (open auth), and REST calls as any participant:
 * the "other side" of the MCP server under test.
 */
final class TestHub implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path db;
    private Hub hub;
    private int port;

    TestHub(Path dir) throws Exception {
        this.db = dir.resolve("parley.db");
        this.hub = Hub.start(new HubConfig(db, "127.0.0.1", 0));
        this.port = hub.port();
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the hub and starts it again on the same database and port (a hub restart under live clients). */
    void restart() throws Exception {
        hub.close();
        hub = Hub.start(new HubConfig(db, "127.0.0.1", port));
    }

    /** Posts a message as {@code sender}; returns the stored message. */
    JsonNode send(String sender, String channel, String body) {
        return post("/api/send", Json.mapper().createObjectNode().put("sender", sender).put("channel", channel)
                .put("body", body));
    }

    JsonNode post(String path, ObjectNode body) {
        return call(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    JsonNode get(String path) {
        return call(HttpRequest.newBuilder(URI.create(url() + path)).GET().build());
    }

    /** A GET read as {@code reader} (X-Parley-Name; open auth needs no proof). */
    JsonNode getAs(String reader, String path) {
        return call(HttpRequest.newBuilder(URI.create(url() + path)).header("X-Parley-Name", reader).GET().build());
    }

    private static JsonNode call(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new AssertionError(request.method() + " " + request.uri() + " -> " + response.statusCode() + " "
                        + response.body());
            }
            return Json.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        hub.close();
    }
}
