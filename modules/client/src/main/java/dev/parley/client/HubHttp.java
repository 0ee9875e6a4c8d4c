package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * JSON over HTTP to the hub's REST API, as the client's participant ({@code X-Parley-Name}: the hub
 * shows it its own DMs and the messages targeted at it) with its credentials on every request
 * ({@code Authorization: Bearer}, {@code X-Parley-Key}). A 4xx/5xx answer becomes a {@link RestError}
 * carrying the hub's {@code code}, the status and the hub's {@code error}; a hub that cannot be reached
 * becomes {@link ParleyException#UNREACHABLE} with a hint. Thread-safe (both transports are).
 *
 * <p>{@link ParleyClient} makes its typed REST calls through one; callers that want the hub's JSON as
 * it is (the CLI prints it with {@code --json}) make their own with {@link #of}:
 *
 * <pre>{@code HubHttp.of(HubAddress.parse("ws://127.0.0.1:9700/ws"), "alice", null, null, timeout, timeout)
 *         .get("/api/messages/general?limit=5")}</pre>
 */
public final class HubHttp {
    /** Rows per page when following a paged list: the hub's maximum. */
    private static final int PAGE = 1_000;

    private final URI base;
    private final RestTransport transport;
    private final String name;
    private final Credentials credentials;
    private final Duration timeout;

    /** A client's REST part, on the HTTP client its WebSocket uses. */
    HubHttp(URI base, HttpClient http, String name, Credentials credentials, Duration timeout) {
        this(base, new JdkRestTransport(http, timeout), name, credentials, timeout);
    }

    private HubHttp(URI base, RestTransport transport, String name, Credentials credentials, Duration timeout) {
        this.base = base;
        this.transport = transport;
        this.name = name;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    /**
     * A REST client of its own for the hub at {@code address}, cheap to start: for a process that makes a few
     * calls and exits, as a CLI command does, it sends over {@code HttpURLConnection} rather than the JDK's
     * {@code HttpClient} (which starts a selector thread and loads about 1,000 more classes).
     *
     * @param name           the participant acting ({@code X-Parley-Name}), or null to read as nobody in particular
     * @param token          the hub token, or null
     * @param key            the participant key, or null
     * @param connectTimeout how long opening a connection may take
     * @param requestTimeout how long an answer may take
     */
    public static HubHttp of(HubAddress address, String name, String token, String key, Duration connectTimeout,
                             Duration requestTimeout) {
        RestTransport transport = new UrlConnectionRestTransport(Objects.requireNonNull(connectTimeout, "connectTimeout"),
                Objects.requireNonNull(requestTimeout, "requestTimeout"));
        return new HubHttp(address.http(), transport, name, new Credentials(token, key), requestTimeout);
    }

    /** GET a JSON answer ({@code path} with its query, e.g. {@code /api/messages/general?limit=5}). */
    public JsonNode get(String path) {
        return call("GET", path, null);
    }

    /**
     * GET a list the hub answers in pages ({@code /api/channels}, {@code /api/participants},
     * {@code /api/presence}), following {@code X-Parley-Next} to the end: one array of every row.
     */
    public JsonNode getAll(String path) {
        ArrayNode all = Wire.object().arrayNode();
        String cursor = null;
        while (true) {
            String page = path + (path.contains("?") ? "&" : "?") + "limit=" + PAGE
                    + (cursor == null ? "" : "&after=" + encode(cursor));
            RestTransport.Reply response = send("GET", page, null);
            answer("GET", page, response).forEach(all::add);
            String next = response.next();
            // A hub before paging sends no cursor; one that repeats its cursor would loop for ever.
            if (next == null || next.equals(cursor)) {
                return all;
            }
            cursor = next;
        }
    }

    /** POST a JSON body, read the JSON answer. */
    public JsonNode post(String path, JsonNode body) {
        return call("POST", path, body);
    }

    /** Any method, with a JSON body or none (null), read the JSON answer. */
    public JsonNode call(String method, String path, JsonNode body) {
        return answer(method, path, send(method, path, body));
    }

    /** A JSON answer with its status, where the status says something (201 created, 200 existed). */
    public record Answer(int status, JsonNode body) {}

    /** As {@link #call}, keeping the status (201 Created versus 200 OK, say). */
    public Answer exchange(String method, String path, JsonNode body) {
        RestTransport.Reply response = send(method, path, body);
        return new Answer(response.status(), answer(method, path, response));
    }

    /**
     * As {@link #exchange}, with one error status answered rather than thrown: where that status carries an answer
     * (a refused claim's 409 names who holds it).
     */
    public Answer exchange(String method, String path, JsonNode body, int answeredStatus) {
        RestTransport.Reply response = send(method, path, body);
        if (response.status() == answeredStatus) {
            return new Answer(response.status(), parseOrText(response.body()));
        }
        return new Answer(response.status(), answer(method, path, response));
    }

    /** GET a text answer (e.g. {@code /metrics}). */
    public String getText(String path) {
        RestTransport.Reply response = send("GET", path, null);
        if (response.status() >= 400) {
            answer("GET", path, response);
        }
        return response.body();
    }

    /** A file as the hub served it: its bytes, and the headers that say what it is. */
    public record Download(byte[] bytes, String contentType, String contentDisposition) {
        /**
         * The plain file name the hub gave ({@code filename="..."}), its last path segment only, or null when there
         * is none usable (a name to save under must never leave the folder chosen).
         */
        public String fileName() {
            if (contentDisposition == null) {
                return null;
            }
            int start = contentDisposition.indexOf("filename=\"");
            int end = start < 0 ? -1 : contentDisposition.indexOf('"', start + 10);
            if (end <= start) {
                return null;
            }
            String name = contentDisposition.substring(start + 10, end);
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            return name.isBlank() || name.equals(".") || name.equals("..") ? null : name;
        }
    }

    /**
     * POST raw bytes (a file: {@code /api/channels/{ch}/files?name=...}) with their content type, read the JSON
     * answer; errors as {@link #post}.
     */
    public JsonNode postBytes(String path, String contentType, byte[] bytes) {
        Map<String, String> headers = credentialHeaders();
        headers.put("Accept", "application/json");
        headers.put("Content-Type", contentType == null ? "application/octet-stream" : contentType);
        BinaryExchange.Reply reply = exchangeBytes("POST", path, headers, bytes);
        return answer("POST", path, new RestTransport.Reply(reply.status(), reply.text(), null));
    }

    /** GET raw bytes (a file: {@code /api/attachments/{id}}); a 4xx/5xx answer throws as {@link #get} does. */
    public Download getBytes(String path) {
        BinaryExchange.Reply reply = exchangeBytes("GET", path, credentialHeaders(), null);
        if (reply.status() >= 400) {
            answer("GET", path, new RestTransport.Reply(reply.status(), reply.text(), null));
        }
        return new Download(reply.body(), reply.contentType(), reply.contentDisposition());
    }

    private BinaryExchange.Reply exchangeBytes(String method, String path, Map<String, String> headers, byte[] body) {
        try {
            return BinaryExchange.exchange(method, base.resolve(path), headers, body, timeout);
        } catch (SocketTimeoutException e) {
            throw new ParleyException(ParleyException.TIMEOUT, method + " " + path + ": no answer from the hub at "
                    + base + " within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw unreachable(base, e);
        }
    }

    private RestTransport.Reply send(String method, String path, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (body != null || !method.equals("GET")) {
            // The hub refuses writes, bodyless DELETE included, that do not say JSON (a cross-site form cannot).
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(credentialHeaders());
        try {
            return transport.exchange(method, base.resolve(path), headers, body == null ? null : Wire.text(body));
        } catch (HttpTimeoutException | SocketTimeoutException e) {
            throw new ParleyException(ParleyException.TIMEOUT, method + " " + path + ": no answer from the hub at "
                    + base + " within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw unreachable(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ParleyException.INTERRUPTED, method + " " + path + " interrupted", e);
        }
    }

    /** Who is asking, and its proofs: on every request. */
    private Map<String, String> credentialHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (name != null) {
            headers.put("X-Parley-Name", name);
        }
        if (credentials.token() != null) {
            // The standard header: Parley and the reference hub both read it (the bench must work against both).
            headers.put("Authorization", "Bearer " + credentials.token());
        }
        if (credentials.key() != null) {
            headers.put("X-Parley-Key", credentials.key());
        }
        return headers;
    }

    private JsonNode answer(String method, String path, RestTransport.Reply response) {
        int status = response.status();
        if (status < 400) {
            return success(method, path, response.body());
        }
        JsonNode node = response.body().isBlank() ? Wire.object() : parseOrText(response.body());
        String code = node.hasNonNull("code") ? node.get("code").asText()
                : status == 404 ? "not_found" : "http_" + status;
        String detail = node.hasNonNull("error") ? node.get("error").asText() : response.body();
        if (status == 404 && !node.hasNonNull("code") && !node.hasNonNull("error")) {
            throw new RestError(ParleyException.NOT_SUPPORTED, 404, "this hub has no such endpoint",
                    method + " " + path + ": this hub has no such endpoint");
        }
        throw new RestError(code, status, detail, method + " " + path + " -> " + status + ": " + detail);
    }

    /** A 2xx answer: JSON, or nothing; anything else means the server is not a Parley hub. */
    private JsonNode success(String method, String path, String body) {
        if (body.isBlank()) {
            return Wire.object();
        }
        try {
            return Wire.parse(body);
        } catch (ParleyException notJson) {
            throw new ParleyException(ParleyException.BAD_ANSWER, "the server at " + base + " answered " + method + " "
                    + path + " with something that is not JSON: is it a Parley hub?", notJson);
        }
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
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
