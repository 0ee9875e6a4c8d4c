package dev.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A REST participant for the browser tests: seeds channels and messages the way an agent or CLI would. */
final class HubRest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    HubRest(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    /** POST /api/send; returns the stored message. */
    JsonNode send(String sender, String channel, String body) {
        ObjectNode json = Json.mapper().createObjectNode().put("sender", sender).put("channel", channel).put("body", body);
        return post("/api/send", json);
    }

    JsonNode createChannel(String name, String createdBy, String topic) {
        return post("/api/channels/create", Json.mapper().createObjectNode().put("name", name).put("created_by", createdBy)
                .put("topic", topic));
    }

    JsonNode join(String channel, String participant) {
        return post("/api/channels/join", Json.mapper().createObjectNode().put("channel", channel)
                .put("participant", participant));
    }

    JsonNode get(String path) {
        return json(call("GET", path, null));
    }

    HttpResponse<String> raw(String method, String path, String body, String... headers) {
        return call(method, path, body, headers);
    }

    JsonNode post(String path, JsonNode body) {
        return json(call("POST", path, Json.mapper().valueToTree(body).toString()));
    }

    private static JsonNode json(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> call(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
