package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One authenticated compat connection to a hub's {@code /ws}.
 *
 * <p>Concurrency: the JDK calls the listener methods of one socket one at a time, on the shared
 * {@link HttpClient}'s executor, so thousands of sockets share a few threads; the frame handler
 * therefore must not block. Outbound frames may be sent from any thread: {@link #send} chains each
 * write after the previous one, because the JDK refuses a second {@code sendText} while one is
 * pending. Inbound flow control is one message at a time: the next is requested once the previous
 * has been handled.
 */
final class HubSocket implements WebSocket.Listener {
    /** Receives every frame other than {@code auth_ok} and {@code pong}; called on a client thread. */
    interface FrameHandler {
        void onFrame(HubSocket socket, String type, String text);
    }

    private final String name;
    private final FrameHandler handler;
    private final FrameAssembler assembler = new FrameAssembler();
    private final CompletableFuture<Void> authenticated = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile WebSocket webSocket;
    private volatile CompletableFuture<Long> pendingPong;
    private volatile boolean closing;
    private volatile String hubCloseReason;
    private CompletableFuture<?> lastWrite = CompletableFuture.completedFuture(null);

    private HubSocket(String name, FrameHandler handler) {
        this.name = name;
        this.handler = handler;
    }

    /**
     * Opens a socket, sends {@code auth} and completes once {@code auth_ok} arrived, or fails with the
     * hub's error or after {@code timeout}.
     */
    static CompletableFuture<HubSocket> connect(HttpClient http, URI endpoint, String name, String token,
                                                FrameHandler handler, Duration timeout) {
        HubSocket socket = new HubSocket(name, handler);
        http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(endpoint, socket)
                .thenCompose(open -> {
                    socket.webSocket = open;
                    return socket.send(Frames.auth(name, token));
                })
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        socket.authenticated.completeExceptionally(failure);
                    }
                });
        return socket.authenticated
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        socket.abort();
                        throw BenchFailure.wrap("connecting " + name, failure);
                    }
                    return socket;
                });
    }

    String name() {
        return name;
    }

    /** Queues a text frame after any still being written; completes when it is written. */
    synchronized CompletableFuture<?> send(String text) {
        WebSocket open = webSocket;
        CompletableFuture<?> write = lastWrite.thenCompose(ignored -> open.sendText(text, true));
        lastWrite = write;
        return write;
    }

    /**
     * Sends a WebSocket-level ping (a control frame, not the protocol's {@code ping}), as client
     * libraries do every so often so that idle connections are not timed out.
     */
    synchronized CompletableFuture<?> keepAlive() {
        WebSocket open = webSocket;
        CompletableFuture<?> write = lastWrite.thenCompose(ignored -> open.sendPing(ByteBuffer.allocate(0)));
        lastWrite = write;
        return write;
    }

    /** Sends {@code ping}; completes with the round trip in nanoseconds when {@code pong} arrives. One at a time. */
    CompletableFuture<Long> ping() {
        CompletableFuture<Long> pong = new CompletableFuture<>();
        pendingPong = pong;
        long start = System.nanoTime();
        send(Frames.ping()).whenComplete((ignored, failure) -> {
            if (failure != null) {
                pong.completeExceptionally(failure);
            }
        });
        if (closed.isDone()) {
            pong.completeExceptionally(new BenchFailure(name + " is closed"));
        }
        return pong.thenApply(at -> at - start);
    }

    /**
     * Starts a normal close after pending writes. Frames keep arriving (and being handled) until the
     * hub answers the close, so nothing the hub wrote is dropped by the bench.
     */
    synchronized CompletableFuture<Integer> close() {
        closing = true;
        WebSocket open = webSocket;
        if (open == null) {
            closed.complete(-1);
            return closed;
        }
        lastWrite = lastWrite.handle((ignored, failure) -> null)
                .thenCompose(ignored -> open.sendClose(WebSocket.NORMAL_CLOSURE, "bench done"));
        return closed;
    }

    /** Drops the connection at once. */
    void abort() {
        closing = true;
        WebSocket open = webSocket;
        if (open != null) {
            open.abort();
        }
        closed.complete(-1);
    }

    /** Completes with the close code (-1 for an abort or an error) once the socket is closed. */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Why the hub (or the network) ended this connection when the bench had not asked to; null otherwise. */
    String hubCloseReason() {
        return hubCloseReason;
    }

    @Override
    public void onOpen(WebSocket socket) {
        webSocket = socket;
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        String text = assembler.append(data, last);
        if (text != null) {
            try {
                dispatch(text);
            } catch (RuntimeException e) {
                System.err.println("bench: " + name + " could not handle a frame: " + e);
            }
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        ended(statusCode, new BenchFailure(name + " closed by the hub: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        ended(-1, BenchFailure.wrap(name + " socket failed", error));
    }

    private void dispatch(String text) {
        String type = Frames.typeOf(text);
        if (type == null) {
            return;
        }
        switch (type) {
            case "auth_ok" -> authenticated.complete(null);
            case "pong" -> {
                CompletableFuture<Long> pong = pendingPong;
                if (pong != null) {
                    pong.complete(System.nanoTime());
                }
            }
            case "error" -> {
                if (authenticated.isDone()) {
                    handler.onFrame(this, type, text);
                } else {
                    JsonNode error = Frames.parse(text);
                    authenticated.completeExceptionally(new BenchFailure("hub refused " + name + ": "
                            + error.path("code").asText() + " " + error.path("detail").asText()));
                }
            }
            default -> handler.onFrame(this, type, text);
        }
    }

    private void ended(int code, BenchFailure why) {
        if (!closing) {
            hubCloseReason = why.getMessage();
        }
        closed.complete(code);
        authenticated.completeExceptionally(why);
        CompletableFuture<Long> pong = pendingPong;
        if (pong != null) {
            pong.completeExceptionally(why);
        }
    }
}
