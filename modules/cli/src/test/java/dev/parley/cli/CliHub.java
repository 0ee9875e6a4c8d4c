package dev.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.Hub;
import dev.parley.server.HubConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A real hub in the test's JVM (127.0.0.1 unless told, port 0) and a REST helper to set up state behind the CLI's back. */
public final class CliHub implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Hub hub;
    private final String host;

    private CliHub(Hub hub, String host) {
        this.hub = hub;
        this.host = host;
    }

    /** A hub over {@code db} with default auth (open on loopback). */
    public static CliHub start(Path db) throws Exception {
        return start(new HubConfig(db, "127.0.0.1", 0));
    }

    public static CliHub start(HubConfig config) throws Exception {
        return new CliHub(Hub.start(config), config.host());
    }

    /** The running hub (to set up much state at once, through its store). */
    public Hub hub() {
        return hub;
    }

    /** The hub's base URL; an IPv6 host in brackets. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + hub.port();
    }

    /** POSTs JSON to the hub and returns the answer; fails unless it is 2xx. */
    public JsonNode post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Sends a message over REST, as {@code sender}. */
    public JsonNode send(String sender, String channel, String body) throws IOException, InterruptedException {
        return post("/api/send", JSON.createObjectNode().put("sender", sender).put("channel", channel).put("body", body)
                .toString());
    }

    @Override
    public void close() {
        hub.close();
    }
}
