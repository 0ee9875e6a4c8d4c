package dev.parley.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A WebSocket peer for long streams: every frame goes to a handler as it arrives (no list to
 * rescan), so a test can follow thousands of frames and react to each (track seqs, count ids).
 *
 * <p>Threads: the handler runs on the socket's listener thread, one frame at a time, under this
 * object's lock; {@link #abort()} takes the same lock, so after it returns no frame reaches the
 * handler any more — exactly like a client process that vanished: what it did not handle, it never saw.
 */
final class StreamClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Consumer<JsonNode> handler;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private final Object sendTurn = new Object();
    private volatile Throwable failure;
    private volatile boolean dead;

    private StreamClient(Consumer<JsonNode> handler) {
        this.handler = handler;
    }

    /** Connects (fails with a CompletionException when nothing listens there). */
    static StreamClient connect(URI uri, Consumer<JsonNode> handler) {
        StreamClient client = new StreamClient(handler);
        client.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, client.new Listener()).join();
        return client;
    }

    /** An {@code auth} frame for a name; the caller adds features, resume, token, key. */
    static ObjectNode authFrame(String name, String... features) {
        ObjectNode auth = Json.mapper().createObjectNode().put("type", "auth").put("name", name);
        if (features.length > 0) {
            auth.putArray("features").addAll(java.util.Arrays.stream(features).map(auth::textNode).toList());
        }
        return auth;
    }

    /** Sends one frame; the JDK WebSocket allows one send at a time, so senders take turns. */
    void send(JsonNode frame) {
        synchronized (sendTurn) {
            if (dead) {
                throw new IllegalStateException("aborted");
            }
            socket.sendText(frame.toString(), true).join();
        }
    }

    /** Like {@link #send}, but false instead of an exception when the connection is gone. */
    boolean trySend(JsonNode frame) {
        try {
            send(frame);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Like {@link #trySend}, for a frame already serialised (a load generator sending one many times). */
    boolean trySendText(String text) {
        synchronized (sendTurn) {
            if (dead) {
                return false;
            }
            try {
                socket.sendText(text, true).join();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    /** Drops the connection without a close handshake; no frame reaches the handler afterwards. */
    void abort() {
        synchronized (this) {
            dead = true;
        }
        socket.abort();
        closed.complete(1006);
    }

    /** Completes with the close code once the connection ended (1006 when it broke). */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** What the handler threw, if it did (the listener swallows nothing silently). */
    Throwable failure() {
        return failure;
    }

    /** Closes with a handshake and waits for the hub's close: every frame it wrote has been handled. */
    @Override
    public void close() {
        if (closed.isDone()) {
            return;
        }
        try {
            synchronized (sendTurn) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            }
            closed.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            abort();
        }
    }

    private synchronized void handle(String text) {
        if (dead) {
            return;
        }
        try {
            handler.accept(Json.mapper().readTree(text));
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handle(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
        }
    }
}
