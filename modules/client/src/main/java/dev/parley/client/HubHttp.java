package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * JSON over HTTP to the hub's REST API, as the client's participant ({@code X-Parley-Name}: the hub
 * shows it its own DMs and the messages targeted at it) with its credentials on every request
 * ({@code X-Parley-Token}, {@code X-Parley-Key}). A 4xx/5xx answer becomes a {@link ParleyException}
 * carrying the hub's {@code code} and {@code error}; a hub that cannot be reached becomes
 * {@link ParleyException#UNREACHABLE} with a hint. Thread-safe (the JDK client is).
 */
final class HubHttp {
    /** Rows per page when following a paged list: the hub's maximum. */
    private static final int PAGE = 1_000;

    private final URI base;
    private final HttpClient http;
    private final String name;
    private final Credentials credentials;
    private final Duration timeout;

    HubHttp(URI base, HttpClient http, String name, Credentials credentials, Duration timeout) {
        this.base = base;
        this.http = http;
        this.name = name;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    /**
     * GET a list the hub answers in pages ({@code /api/channels}, {@code /api/participants},
     * {@code /api/presence}), following {@code X-Parley-Next} to the end: one array of every row.
     */
    JsonNode getAll(String path) {
        ArrayNode all = Wire.object().arrayNode();
        String cursor = null;
        while (true) {
            String page = path + (path.contains("?") ? "&" : "?") + "limit=" + PAGE
                    + (cursor == null ? "" : "&after=" + encode(cursor));
            HttpResponse<String> response = send("GET", page, null);
            answer("GET", page, response).forEach(all::add);
            String next = response.headers().firstValue("X-Parley-Next").orElse(null);
            // A hub before paging sends no cursor; one that repeats its cursor would loop for ever.
            if (next == null || next.equals(cursor)) {
                return all;
            }
            cursor = next;
        }
    }

    JsonNode post(String path, JsonNode body) {
        return call("POST", path, body);
    }

    JsonNode call(String method, String path, JsonNode body) {
        return answer(method, path, send(method, path, body));
    }

    /** A successful answer's status and body. */
    record Answer(int status, JsonNode body) {}

    /** As {@link #call}, keeping the status (201 Created versus 200 OK, say). */
    Answer exchange(String method, String path, JsonNode body) {
        HttpResponse<String> response = send(method, path, body);
        return new Answer(response.statusCode(), answer(method, path, response));
    }

    private HttpResponse<String> send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Wire.text(body), StandardCharsets.UTF_8));
        if (body != null || !method.equals("GET")) {
            // The hub refuses writes, bodyless DELETE included, that do not say JSON (a cross-site form cannot).
            request.header("Content-Type", "application/json");
        }
        if (name != null) {
            request.header("X-Parley-Name", name);
        }
        if (credentials.token() != null) {
            request.header("X-Parley-Token", credentials.token());
        }
        if (credentials.key() != null) {
            request.header("X-Parley-Key", credentials.key());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ParleyException(ParleyException.TIMEOUT, method + " " + path + ": no answer from the hub at "
                    + base + " within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw unreachable(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ParleyException.INTERRUPTED, method + " " + path + " interrupted", e);
        }
    }

    private static JsonNode answer(String method, String path, HttpResponse<String> response) {
        JsonNode node = response.body().isBlank() ? Wire.object() : parseOrText(response.body());
        if (response.statusCode() < 400) {
            return node;
        }
        String code = node.hasNonNull("code") ? node.get("code").asText()
                : response.statusCode() == 404 ? "not_found" : "http_" + response.statusCode();
        String detail = node.hasNonNull("error") ? node.get("error").asText() : response.body();
        if (response.statusCode() == 404 && !node.hasNonNull("code") && !node.hasNonNull("error")) {
            throw new ParleyException(ParleyException.NOT_SUPPORTED,
                    method + " " + path + ": this hub has no such endpoint");
        }
        throw ParleyException.fromHub(code, method + " " + path + " -> " + response.statusCode() + ": " + detail,
                detail);
    }

    private static JsonNode parseOrText(String body) {
        try {
            return Wire.parse(body);
        } catch (ParleyException notJson) {
            return Wire.object().put("error", body);
        }
    }

    /** The error for a hub nobody answers at, with a hint about what to do. */
    static ParleyException unreachable(URI base, Throwable cause) {
        String why = cause instanceof ConnectException || cause.getMessage() == null
                ? "connection refused" : cause.getMessage();
        return new ParleyException(ParleyException.UNREACHABLE, "hub not reachable at " + base + " (" + why
                + "): is it running? Start one with `parley serve` or `java Bootstrap.java`", cause);
    }

    /** One path segment or query value, percent-encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
