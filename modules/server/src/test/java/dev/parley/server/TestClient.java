package dev.parley.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A raw WebSocket peer for tests: sends frames exactly as given and records every frame it
 * receives, so tests can await the one they expect (never sleep) and check what did not arrive.
 */
public final class TestClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final List<JsonNode> frames = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean closed;
    private volatile int closeCode = -1;
    private volatile String closeReason;

    private TestClient(URI uri, String origin) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Connects to a hub on 127.0.0.1. */
    public static TestClient connect(int port) {
        return connect(port, null);
    }

    /** Connects to a hub on 127.0.0.1 as a page of {@code origin} would (null: no Origin header). */
    public static TestClient connect(int port, String origin) {
        return new TestClient(URI.create("ws://127.0.0.1:" + port + "/ws"), origin);
    }

    /** Connects and authenticates; returns once {@code auth_ok} arrived. */
    public static TestClient auth(int port, String name, String... features) {
        TestClient client = connect(port);
        ObjectNode auth = Json.mapper().createObjectNode().put("type", "auth").put("name", name);
        if (features.length > 0) {
            auth.putArray("features").addAll(java.util.Arrays.stream(features).map(auth::textNode).toList());
        }
        client.send(auth);
        client.await("auth_ok");
        // The hub answers a ping only after the auth's replay: from here on, messages arrive live.
        client.roundTrip();
        return client;
    }

    /** Sends a frame given as JSON text (sent verbatim, valid or not). */
    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends a binary frame (the protocol is text-only; for hostile-input tests). */
    public void sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
    }

    public void send(JsonNode frame) {
        sendText(frame.toString());
    }

    /** Sends {@code {"type": type, k1: v1, ...}} with string values. */
    public void send(String type, String... keyValues) {
        ObjectNode frame = Json.mapper().createObjectNode().put("type", type);
        for (int i = 0; i < keyValues.length; i += 2) {
            frame.put(keyValues[i], keyValues[i + 1]);
        }
        send(frame);
    }

    /** The first frame of this type received (so far or within 10 s). */
    public JsonNode await(String type) {
        return await(f -> type.equals(f.path("type").asText()), Duration.ofSeconds(10));
    }

    /** Waits for a frame matching the predicate (looking at every frame received so far, too). */
    public synchronized JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonNode frame : frames) {
                if (match.test(frame)) {
                    return frame;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching frame within " + timeout + "; received: " + frames);
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits until at least n frames match. */
    public synchronized List<JsonNode> awaitCount(Predicate<JsonNode> match, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> matching = frames.stream().filter(match).toList();
            if (matching.size() >= n) {
                return matching;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + matching.size() + " of " + n + " frames within " + timeout);
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Every frame received so far. */
    public synchronized List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** Frames of a type received so far. */
    public synchronized List<JsonNode> frames(String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    /** Sends a ping frame and waits for its pong: every frame the hub queued before it has arrived. */
    public void roundTrip() {
        int before = frames("pong").size();
        send("ping");
        awaitCount(f -> "pong".equals(f.path("type").asText()), before + 1, Duration.ofSeconds(10));
    }

    public boolean isClosed() {
        return closed;
    }

    /** Waits until the connection is closed (by either side). */
    public synchronized void awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("still open after " + timeout);
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public int closeCode() {
        return closeCode;
    }

    /** The reason of the close frame the hub sent, or null. */
    public String closeReason() {
        return closeReason;
    }

    /** Closes without waiting for the server, like a client that vanished. */
    public void abort() {
        socket.abort();
        closed = true;
    }

    @Override
    public void close() {
        if (!closed) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
            closed = true;
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode frame = Json.mapper().readTree(text);
                    synchronized (TestClient.this) {
                        frames.add(frame);
                        TestClient.this.notifyAll();
                    }
                } catch (Exception e) {
                    throw new AssertionError("hub sent invalid JSON: " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            closeReason = reason;
            closed = true;
            synchronized (TestClient.this) {
                TestClient.this.notifyAll();
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            synchronized (TestClient.this) {
                TestClient.this.notifyAll();
            }
        }
    }
}
