package dev.parley.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A real hub on 127.0.0.1, port 0, over a database file in a test's temp folder, with HTTP helpers. */
public final class TestHub implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Hub hub;

    private TestHub(Hub hub) {
        this.hub = hub;
    }

    public static TestHub start(Path dir) throws Exception {
        return start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0));
    }

    public static TestHub start(HubConfig config) throws Exception {
        return new TestHub(Hub.start(config));
    }

    public Hub hub() {
        return hub;
    }

    public int port() {
        return hub.port();
    }

    public TestClient client(String name, String... features) {
        return TestClient.auth(port(), name, features);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET read as {@code reader} ({@code X-Parley-Name}; no key, so for names without one). */
    public HttpResponse<String> getAs(String reader, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("X-Parley-Name", reader).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return request("POST", path, json);
    }

    public HttpResponse<String> request(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("Content-Type", "application/json").method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        hub.close();
    }
}
