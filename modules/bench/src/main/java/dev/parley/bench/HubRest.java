package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The compat REST calls the bench makes: {@code /health}, {@code /metrics}, channel create and
 * join, and {@code /api/send}. Every request carries {@code Authorization: Bearer <token>} when a
 * token is set. Thread-safe (the JDK client is).
 */
final class HubRest {
    private final HttpClient http;
    private final HubAddress hub;
    private final String token;
    private final Duration timeout;

    HubRest(HttpClient http, HubAddress hub, String token, Duration timeout) {
        this.http = http;
        this.hub = hub;
        this.token = token;
        this.timeout = timeout;
    }

    /** {@code POST /api/channels/create}; the creator joins it. */
    JsonNode createChannel(String name, String createdBy, String topic) {
        ObjectNode body = Json.mapper().createObjectNode().put("name", name).put("created_by", createdBy)
                .put("topic", topic);
        return expectOk("creating channel " + name, post("/api/channels/create", body));
    }

    /** {@code POST /api/channels/join} for each participant, {@code concurrency} requests in flight. */
    void joinAll(String channel, Collection<String> participants, int concurrency) {
        Semaphore window = new Semaphore(Math.max(1, concurrency));
        List<CompletableFuture<JsonNode>> joins = new ArrayList<>();
        for (String participant : participants) {
            window.acquireUninterruptibly();
            ObjectNode body = Json.mapper().createObjectNode().put("channel", channel).put("participant", participant);
            joins.add(http.sendAsync(request("/api/channels/join").POST(body(body)).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> window.release())
                    .thenApply(response -> expectOk("joining " + participant + " to " + channel, response)));
        }
        try {
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            throw BenchFailure.wrap("joining " + channel, e);
        }
    }

    /** {@code POST /api/send}; the caller judges the status (201 is success). */
    HttpResponse<String> send(String sender, String channel, String text, JsonNode metadata) {
        ObjectNode body = Json.mapper().createObjectNode().put("sender", sender).put("channel", channel)
                .put("body", text);
        body.set("metadata", metadata);
        return post("/api/send", body);
    }

    /** {@code GET /health}, or empty when the hub does not answer it with JSON. */
    Optional<JsonNode> health() {
        return get("/health").filter(r -> r.statusCode() == 200).flatMap(r -> {
            try {
                return Optional.of(Json.mapper().readTree(r.body()));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** {@code GET /metrics} text, or empty when the hub has none. */
    Optional<String> metrics() {
        return get("/metrics").filter(r -> r.statusCode() == 200).map(HttpResponse::body);
    }

    private Optional<HttpResponse<String>> get(String path) {
        try {
            return Optional.of(http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpResponse<String> post(String path, JsonNode body) {
        try {
            return http.send(request(path).POST(body(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw BenchFailure.wrap("POST " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted during POST " + path);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(hub.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json");
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher body(JsonNode body) {
        return HttpRequest.BodyPublishers.ofString(Frames.write(body));
    }

    private static JsonNode expectOk(String doing, HttpResponse<String> response) {
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new BenchFailure(doing + ": HTTP " + response.statusCode() + " " + response.body());
        }
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new BenchFailure(doing + ": the answer is not JSON: " + response.body());
        }
    }
}
