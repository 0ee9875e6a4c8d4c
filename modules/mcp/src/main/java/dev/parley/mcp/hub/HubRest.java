package dev.parley.mcp.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parley.protocol.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The hub's REST API, called as this participant ({@code X-Parley-Name}) with its credentials
 * ({@code X-Parley-Token}, {@code X-Parley-Key}): the hub shows it its own DMs and the messages
 * targeted at it, nobody else's. Every failure becomes a {@link HubException} carrying the hub's error code
 * and detail, or {@link HubException#UNREACHABLE} with a hint when nothing answers.
 *
 * <p>Thread-safe: the JDK {@link HttpClient} is, and this class holds no other state.
 */
public final class HubRest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HubAddress address;
    private final String name;
    private final HttpClient http;

    public HubRest(HubAddress address, String name) {
        this.address = address;
        this.name = name;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** Rows per page when following a paged list: the hub's maximum. */
    private static final int PAGE = 1_000;

    /** The status and JSON body of a successful call, and the next page's cursor of a paged list (or null). */
    public record Answer(int status, JsonNode body, String next) {}

    public JsonNode get(String pathAndQuery) {
        return call("GET", pathAndQuery, null).body();
    }

    /**
     * GET a list the hub answers in pages ({@code /api/channels}, {@code /api/participants},
     * {@code /api/presence}), following {@code X-Parley-Next} to the end: one array of every row.
     */
    public JsonNode getAll(String path) {
        ArrayNode all = Json.mapper().createArrayNode();
        String cursor = null;
        while (true) {
            Answer page = call("GET", path + (path.contains("?") ? "&" : "?") + "limit=" + PAGE
                    + (cursor == null ? "" : "&after=" + encode(cursor)), null);
            page.body().forEach(all::add);
            // A hub before paging sends no cursor; one that repeats its cursor would loop for ever.
            if (page.next() == null || page.next().equals(cursor)) {
                return all;
            }
            cursor = page.next();
        }
    }

    public Answer post(String path, JsonNode body) {
        return call("POST", path, body);
    }

    public JsonNode patch(String path, JsonNode body) {
        return call("PATCH", path, body).body();
    }

    public JsonNode delete(String pathAndQuery) {
        return call("DELETE", pathAndQuery, null).body();
    }

    /** Encodes one path segment or query value (channel names such as {@code dm:a:b}, search text). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer call(String method, String pathAndQuery, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(address.rest(pathAndQuery)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (name != null) {
            request.header("X-Parley-Name", name);
        }
        if (address.token() != null) {
            request.header("X-Parley-Token", address.token());
        }
        if (address.key() != null) {
            request.header("X-Parley-Key", address.key());
        }
        if (!method.equals("GET")) {
            // The hub refuses writes, bodyless DELETE included, that do not say JSON (a cross-site form cannot).
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(address);
        } catch (HttpTimeoutException e) {
            throw new HubException(HubException.UNREACHABLE, 0, "the hub at " + address.server()
                    + " did not answer " + method + " " + pathAndQuery + " within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new HubException(HubException.UNREACHABLE, 0, "talking to the hub at " + address.server()
                    + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HubException.UNREACHABLE, 0, "interrupted while calling the hub");
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() >= 400) {
            String detail = json.path("error").asText("");
            String code = json.path("code").asText("");
            throw new HubException(code.isEmpty() ? "http_" + response.statusCode() : code, response.statusCode(),
                    detail.isEmpty() ? "the hub answered " + response.statusCode() + " to " + method + " " + pathAndQuery
                            : detail);
        }
        return new Answer(response.statusCode(), json, response.headers().firstValue("X-Parley-Next").orElse(null));
    }

    /** The error for a hub nobody answers at, with the way to start one. */
    static HubException unreachable(HubAddress address) {
        return new HubException(HubException.UNREACHABLE, 0, "hub not reachable at " + address.server()
                + ": is it running? Start one with `parley serve` (or `java Bootstrap.java`), or point PARLEY_SERVER_URL"
                + " / --server at the right hub");
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return Json.mapper().createObjectNode().put("error", text.length() > 200 ? text.substring(0, 200) : text);
        }
    }
}
