package dev.parley.testing;

import dev.parley.server.Hub;
import dev.parley.server.HubConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * A real hub in this JVM on 127.0.0.1, port 0, over a database file in a test's folder:
 * {@code try (InProcessHub hub = InProcessHub.start(dir)) { hub.get("/health") ... }}. Tests that want one per test
 * or per class without the try use {@link HubExtension}. The REST shorthands go through {@link #rest()}.
 */
public final class InProcessHub implements AutoCloseable {
    private final Hub hub;
    private final RestProbe rest;

    private InProcessHub(Hub hub) {
        this.hub = hub;
        this.rest = RestProbe.at(hub.port());
    }

    /**
     * A hub with default settings on {@code dir/hub.db}, but for the loop guard, which is off: the suite's clients
     * are load and protocol probes that register as agents (no participant type), not agents in a conversation, and
     * many write more than 50 messages in a row into one channel. Tests of the guard turn it on
     * ({@link HubConfig#withLoopGuard}); a channel's own limit applies either way.
     */
    public static InProcessHub start(Path dir) throws Exception {
        return start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withLoopGuard(0));
    }

    /** A hub with the given settings (auth mode, limits, origins). */
    public static InProcessHub start(HubConfig config) throws Exception {
        return new InProcessHub(Hub.start(config));
    }

    public Hub hub() {
        return hub;
    }

    public int port() {
        return hub.port();
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return rest.base();
    }

    /** {@code ws://127.0.0.1:port/ws}. */
    public URI ws() {
        return rest.ws();
    }

    /** REST calls to this hub. */
    public RestProbe rest() {
        return rest;
    }

    /** A raw socket, connected and authenticated as {@code name} with these features. */
    public RawSocket client(String name, String... features) {
        return RawSocket.auth(port(), name, features);
    }

    public HttpResponse<String> get(String path) {
        return rest.get(path);
    }

    /** A GET read as {@code reader} ({@code X-Parley-Name}; no key, so for names without one). */
    public HttpResponse<String> getAs(String reader, String path) {
        return rest.get(path, "X-Parley-Name", reader);
    }

    public HttpResponse<String> post(String path, String json) {
        return rest.post(path, json);
    }

    /** Any method, always with {@code Content-Type: application/json} (body or not), as a JSON client sends it. */
    public HttpResponse<String> request(String method, String path, String json) {
        return json == null ? rest.request(method, path, null, "Content-Type", "application/json")
                : rest.request(method, path, json);
    }

    @Override
    public void close() {
        hub.close();
    }
}
