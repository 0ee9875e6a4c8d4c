package dev.parley.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** REST calls to one hub address (any host: loopback, or an address a test created). */
final class HubHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    HubHttp(String host, int port) {
        this.base = "http://" + host + ":" + port;
    }

    /** The WebSocket endpoint of the same hub. */
    URI ws() {
        return URI.create(base.replace("http://", "ws://") + "/ws");
    }

    /** GET with optional header name/value pairs. */
    HttpResponse<String> get(String path, String... headers) {
        return call("GET", path, null, headers);
    }

    /** POST a JSON body with optional header name/value pairs. */
    HttpResponse<String> post(String path, String json, String... headers) {
        return call("POST", path, json, headers);
    }

    /** The body of a 2xx answer as JSON; fails the test otherwise. */
    static JsonNode json(HttpResponse<String> response) {
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

    /**
     * Every message of a channel in seq order, paged with {@code after_seq} (deleted ones included),
     * i.e. exactly what the hub stored.
     */
    List<JsonNode> allMessages(String channel) {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = json(get("/api/messages/" + channel + "?after_seq=" + after + "&limit=1000"));
            page.forEach(all::add);
            if (page.size() < 1000) {
                return all;
            }
            after = page.get(page.size() - 1).get("seq").asLong();
        }
    }

    private HttpResponse<String> call(String method, String path, String json, String... headers) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body);
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
