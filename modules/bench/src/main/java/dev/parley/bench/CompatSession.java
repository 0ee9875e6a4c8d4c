package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One authenticated compat connection of a bench participant, on a {@link BenchSocket} to a hub's
 * {@code /ws}: sends {@code auth}, is ready once {@code auth_ok} arrived, times {@code ping} against
 * {@code pong}, and hands every other frame to its participant. Only compat frames are written.
 *
 * <p>Concurrency: frames arrive on the socket's reader thread (the shared HTTP client's executor, so
 * thousands of sessions share a few threads); the frame handler therefore must not block. Frames
 * may be sent from any thread; the socket writes them in call order.
 */
final class CompatSession implements BenchSocket.Listener {
    /** Receives every frame other than {@code auth_ok} and {@code pong}; called on the reader thread. */
    interface FrameHandler {
        void onFrame(CompatSession session, String type, String text);
    }

    private final String name;
    private final FrameHandler handler;
    private final CompletableFuture<Void> authenticated = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile BenchSocket socket;
    private volatile CompletableFuture<Long> pendingPong;
    private volatile boolean closing;
    private volatile String hubCloseReason;

    private CompatSession(String name, FrameHandler handler) {
        this.name = name;
        this.handler = handler;
    }

    /**
     * Opens a socket, sends {@code auth} and completes once {@code auth_ok} arrived, or fails with the
     * hub's error or after {@code timeout}.
     */
    static CompletableFuture<CompatSession> connect(Function<BenchSocket.Listener, CompletableFuture<BenchSocket>> opener,
                                                    String name, String token, FrameHandler handler, Duration timeout) {
        CompatSession session = new CompatSession(name, handler);
        opener.apply(session)
                .thenCompose(open -> {
                    session.attach(open);
                    return open.send(Frames.auth(name, token));
                })
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        session.authenticated.completeExceptionally(failure);
                    }
                });
        return session.authenticated
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        session.abort();
                        throw BenchFailure.wrap("connecting " + name, failure);
                    }
                    return session;
                });
    }

    String name() {
        return name;
    }

    /** Queues a text frame after any still being written; completes when it is written. */
    CompletableFuture<Void> send(String text) {
        return socket.send(text);
    }

    /**
     * Sends a WebSocket-level ping (a control frame, not the protocol's {@code ping}), as client
     * libraries do every so often so that idle connections are not timed out.
     */
    CompletableFuture<Void> keepAlive() {
        return socket.sendPing();
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
     * hub answers the close, so nothing the hub wrote is dropped by the bench; after {@code grace}
     * without an answer the socket is dropped.
     *
     * @return completes once the socket is closed
     */
    CompletableFuture<Void> close(Duration grace) {
        closing = true;
        BenchSocket open = socket;
        if (open == null) {
            closed.complete(null);
            return closed;
        }
        open.close(grace);
        return closed;
    }

    /** Drops the connection at once. */
    void abort() {
        closing = true;
        BenchSocket open = socket;
        if (open != null) {
            open.abort(new IOException("dropped by the bench"));
        }
        closed.complete(null);
    }

    /** Completes once the socket is closed. */
    CompletableFuture<Void> closed() {
        return closed;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Why the hub (or the network) ended this connection when the bench had not asked to; null otherwise. */
    String hubCloseReason() {
        return hubCloseReason;
    }

    /** Whether the hub accepted permessage-deflate on this connection. */
    boolean deflating() {
        BenchSocket open = socket;
        return open != null && open.deflating();
    }

    @Override
    public void onFrame(String text) {
        try {
            dispatch(text);
        } catch (RuntimeException e) {
            System.err.println("bench: " + name + " could not handle a frame: " + e);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        BenchFailure why = BenchFailure.wrap(name, cause);
        if (!closing) {
            hubCloseReason = why.getMessage();
        }
        closed.complete(null);
        authenticated.completeExceptionally(why);
        CompletableFuture<Long> pong = pendingPong;
        if (pong != null) {
            pong.completeExceptionally(why);
        }
    }

    /** Takes the opened socket, or drops it when the bench gave up on this session meanwhile. */
    private void attach(BenchSocket open) {
        socket = open;
        if (closing) {
            open.abort(new IOException("dropped by the bench"));
        }
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
}
