package dev.parley.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket to the hub: reassembles text frames and hands each whole one to its handler, and
 * writes frames one after another.
 *
 * <p>Threads: the JDK calls the listener methods one at a time (the "reader"), on the HTTP client's
 * executor; the handler runs there and must not block. {@link #send} may be called from any thread:
 * the JDK allows one outstanding write per socket, so writes are chained in call order. The handler
 * hears {@link Handler#closed} exactly once, however the socket ends (hub closed it, I/O error,
 * {@link #abort}).
 */
final class Connection implements WebSocket.Listener {
    /** Who hears what arrives. */
    interface Handler {
        /** A whole text frame arrived (on the reader thread). */
        void frame(Connection connection, String text);

        /** The socket is gone; called once. */
        void closed(Connection connection, Throwable cause);
    }

    private final Handler handler;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile long lastHeardNanos = System.nanoTime();
    private CompletableFuture<?> writes = CompletableFuture.completedFuture(null);

    private Connection(Handler handler) {
        this.handler = handler;
    }

    /** Opens a socket; the future fails if the hub cannot be reached within the timeout. */
    static CompletableFuture<Connection> open(HttpClient http, URI uri, Duration timeout, Handler handler) {
        Connection connection = new Connection(handler);
        return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, connection).thenApply(socket -> {
            connection.socket = socket;
            return connection;
        });
    }

    /** Queues a text frame behind the ones before it. A failed write aborts the connection. */
    synchronized CompletableFuture<Void> send(String text) {
        CompletableFuture<Void> write = writes.handle((ignored, failure) -> null)
                .thenCompose(ignored -> socket.sendText(text, true))
                .thenApply(ignored -> (Void) null);
        write.whenComplete((ignored, failure) -> {
            if (failure != null) {
                abort(failure);
            }
        });
        writes = write;
        return write;
    }

    /** Nanoseconds since the hub last sent anything. */
    long silentNanos() {
        return System.nanoTime() - lastHeardNanos;
    }

    /**
     * Says goodbye: a close frame after the frames already queued, then waits (at most a second) for
     * the hub's close, which it sends only after it handled everything before; then drops the socket.
     *
     * @return completes when the socket is gone
     */
    synchronized CompletableFuture<Void> close() {
        WebSocket ws = socket;
        if (ws == null || closed.get()) {
            abort(new IOException("closed by the client"));
            return gone;
        }
        writes = writes.handle((ignored, failure) -> null)
                .thenCompose(ignored -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
        gone.completeOnTimeout(null, 1, TimeUnit.SECONDS)
                .whenComplete((ignored, failure) -> abort(new IOException("closed by the client")));
        return gone;
    }

    /** Drops the socket now. */
    void abort(Throwable cause) {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        closed(cause);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastHeardNanos = System.nanoTime();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (!closed.get()) {
                handler.frame(this, text);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        lastHeardNanos = System.nanoTime();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        lastHeardNanos = System.nanoTime();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        lastHeardNanos = System.nanoTime();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed(new IOException("the hub closed the connection (" + statusCode
                + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")"));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed(error);
    }

    private void closed(Throwable cause) {
        if (closed.compareAndSet(false, true)) {
            try {
                handler.closed(this, cause);
            } finally {
                gone.complete(null);
            }
        }
    }
}
