package dev.parley.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The hub's REST API as the CLI uses it: JSON in, JSON out, the reader's name ({@code X-Parley-Name}) and
 * credentials on every request, and every failure turned into a {@link CliException} with the right
 * {@link Exit} code and a hint a person can act on. The hub shows a named reader its own DMs and the messages
 * targeted at it; without a name, public channels only.
 *
 * <pre>new HubHttp("http://localhost:9700", "alice", null, null).get("/api/channels")</pre>
 *
 * <p>Built on {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: the CLI starts a JVM per
 * command, and the newer client sets up TLS and a selector thread even for plain {@code http://}, which cost
 * about 200 classes and a noticeable slice of a {@code parley send}. Not thread-safe; one command, one thread.
 */
public final class HubHttp {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 60_000;
    /** Rows per page when following a paged list: the hub's maximum. */
    private static final int PAGE = 1_000;

    private final String baseUrl;
    private final String name;
    private final String token;
    private final String key;

    /** @param name the participant reading (and acting), or null to read as nobody in particular */
    public HubHttp(String baseUrl, String name, String token, String key) {
        this.baseUrl = baseUrl;
        this.name = name;
        this.token = token;
        this.key = key;
    }

    /** The hub's base URL. */
    public String baseUrl() {
        return baseUrl;
    }

    /** GET a JSON answer. */
    public JsonNode get(String pathAndQuery) {
        return json(pathAndQuery, exchange("GET", pathAndQuery, null));
    }

    /**
     * GET a list the hub answers in pages ({@code /api/channels}, {@code /api/participants},
     * {@code /api/presence}), following {@code X-Parley-Next} to the end: one JSON array of every row.
     */
    public ArrayNode getAll(String path) {
        ArrayNode all = JsonText.array();
        String cursor = null;
        while (true) {
            String pageUrl = path + (path.contains("?") ? "&" : "?") + "limit=" + PAGE
                    + (cursor == null ? "" : "&after=" + query(cursor));
            Response response = exchange("GET", pageUrl, null);
            json(pageUrl, response).forEach(all::add);
            // A hub before paging sends no cursor; one that repeats its cursor would loop for ever.
            if (response.next() == null || response.next().equals(cursor)) {
                return all;
            }
            cursor = response.next();
        }
    }

    /** The status and JSON body of an answer that succeeded. */
    public record Answer(int status, JsonNode body) {}

    /** POST a JSON body, read the JSON answer. */
    public JsonNode post(String path, ObjectNode body) {
        return postForAnswer(path, body).body();
    }

    /** POST a JSON body, read the status (e.g. 201 created, 200 existed) and the JSON answer. */
    public Answer postForAnswer(String path, ObjectNode body) {
        byte[] bytes = JsonText.write(body).getBytes(StandardCharsets.UTF_8);
        Response response = exchange("POST", path, bytes);
        return new Answer(response.status(), json(path, response));
    }

    /** GET a text answer (e.g. {@code /metrics}). */
    public String getText(String path) {
        return exchange("GET", path, null).body();
    }

    /** One path segment, percent-encoded (channel names like {@code dm:a:b}, participant names). */
    public static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query parameter value, percent-encoded. */
    public static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The message every command gives when nothing answers at the hub URL. */
    public static String unreachable(String baseUrl, String cause) {
        return "hub not reachable at " + baseUrl + (cause == null ? "" : " (" + cause + ")")
                + ": is it running? start it with `java Bootstrap.java` or `parley serve`";
    }

    /** An answer; {@code next} is the cursor of the following page of a paged list, or null. */
    private record Response(int status, String body, String next) {}

    private Response exchange(String method, String pathAndQuery, byte[] body) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(baseUrl + pathAndQuery).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("User-Agent", "parley-cli");
            if (name != null) {
                connection.setRequestProperty("X-Parley-Name", name);
            }
            if (token != null) {
                connection.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (key != null) {
                connection.setRequestProperty("X-Parley-Key", key);
            }
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                // No streaming mode: with it, HttpURLConnection drops the body of a 401 answer (the hub's reason).
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            String text;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (status >= 400) {
                throw HubErrors.of(baseUrl, status, text);
            }
            return new Response(status, text, connection.getHeaderField("X-Parley-Next"));
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw new CliException(Exit.HUB_UNREACHABLE, unreachable(baseUrl, describe(e)), e);
        }
    }

    private JsonNode json(String path, Response response) {
        try {
            return JsonText.parse(response.body());
        } catch (IOException e) {
            throw new CliException(Exit.HUB_UNREACHABLE, "the server at " + baseUrl + " answered " + path
                    + " with something that is not JSON: is it a Parley hub?");
        }
    }

    /** A short cause for a connection failure: "connection refused", "timed out", the host that did not resolve. */
    static String describe(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return e.getMessage() != null && e.getMessage().contains("connect") ? "connection timed out"
                    : "no answer within " + READ_TIMEOUT_MS / 1000 + "s";
        }
        if (e instanceof java.net.ConnectException && (e.getMessage() == null || e.getMessage().isBlank())) {
            return "connection refused";
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.toLowerCase(java.util.Locale.ROOT);
    }
}
