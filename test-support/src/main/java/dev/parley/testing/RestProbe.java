package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * REST calls to one hub address for tests, on the JDK HttpClient: any method, path, header pairs and JSON body; the
 * answer as it came (status, headers, body) or, for 2xx answers, as JSON.
 * {@code RestProbe.at(port).post("/api/send", "{...}").statusCode()}.
 */
public final class RestProbe {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    /** A probe of {@code base}, e.g. {@code http://127.0.0.1:9700} (any host: loopback or an address a test made). */
    public RestProbe(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A probe of a hub on 127.0.0.1. */
    public static RestProbe at(int port) {
        return new RestProbe("http://127.0.0.1:" + port);
    }

    /** {@code http://host:port}. */
    public String base() {
        return base;
    }

    /** The WebSocket endpoint of the same hub. */
    public URI ws() {
        return URI.create(base.replaceFirst("^http", "ws") + "/ws");
    }

    /** GET with optional header name/value pairs. */
    public HttpResponse<String> get(String path, String... headers) {
        return request("GET", path, null, headers);
    }

    /** POST a JSON body with optional header name/value pairs. */
    public HttpResponse<String> post(String path, String json, String... headers) {
        return request("POST", path, json, headers);
    }

    /** Any method; {@code json} null sends no body (and no Content-Type). */
    public HttpResponse<String> request(String method, String path, String json, String... headers) {
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
            throw new UncheckedIOException(method + " " + base + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET, and the body of its 2xx answer as JSON. */
    public JsonNode getJson(String path, String... headers) {
        return json(get(path, headers));
    }

    /** POST, and the body of its 2xx answer as JSON. */
    public JsonNode postJson(String path, JsonNode body, String... headers) {
        return postJson(path, body.toString(), headers);
    }

    /** POST a body given as JSON text, and the body of its 2xx answer as JSON. */
    public JsonNode postJson(String path, String json, String... headers) {
        return json(post(path, json, headers));
    }

    /** {@code POST /api/send} as {@code sender} (no key: open auth, or a name without one); the stored message. */
    public JsonNode send(String sender, String channel, String body) {
        return postJson("/api/send", Json.mapper().createObjectNode().put("sender", sender).put("channel", channel)
                .put("body", body));
    }

    /** The body of a 2xx answer as JSON; fails the test otherwise. */
    public static JsonNode json(HttpResponse<String> response) {
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
}
