package dev.parley.client.transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to a hub carrying JSON text frames, whatever they say: whole frames in, frames out
 * in order, a polite close or an abort, and a silence limit that notices a dead peer.
 *
 * <pre>{@code
 * FrameSocket socket = FrameSocket.open(http, HubAddress.parse("127.0.0.1:9700").ws(), listener,
 *         TransportSettings.of(Duration.ofSeconds(10))).join();
 * socket.send("{\"type\":\"ping\"}");
 * }</pre>
 *
 * <p>Threads: the JDK calls the listener methods one at a time (the "reader"), on the HTTP client's
 * executor, so many sockets share a few threads; the next frame is requested only once the
 * listener returned. {@link #send} may be called from any thread: writes are chained in call order
 * ({@link WriteChain}), one in flight. A failed write, or one past the write limit, aborts the socket:
 * a frame is never skipped while later ones go out. Sends after {@link #close} or {@link #abort}
 * fail and change nothing. The listener hears
 * {@link FrameListener#onClosed} exactly once, however the socket ends.
 */
public final class FrameSocket implements WebSocket.Listener {
    private static final Logger log = LoggerFactory.getLogger(FrameSocket.class);

    private final FrameListener listener;
    private final TransportSettings settings;
    private final FrameAssembler assembler = new FrameAssembler();
    private final WriteChain writes;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    private volatile WebSocket webSocket;
    private volatile long lastHeardNanos = System.nanoTime();

    private FrameSocket(FrameListener listener, TransportSettings settings) {
        this.listener = listener;
        this.settings = settings;
        this.writes = new WriteChain(settings.writeLimitBytes());
    }

    /**
     * Opens a socket to {@code uri} (a {@code ws://} or {@code wss://} endpoint, such as
     * {@code HubAddress.ws()}).
     *
     * @return completes once the handshake is done; fails if the peer cannot be reached or refuses
     *         the upgrade within the connect timeout (the listener then hears nothing)
     */
    public static CompletableFuture<FrameSocket> open(HttpClient http, URI uri, FrameListener listener,
                                                      TransportSettings settings) {
        FrameSocket socket = new FrameSocket(listener, settings);
        return http.newWebSocketBuilder().connectTimeout(settings.connectTimeout()).buildAsync(uri, socket)
                .thenApply(open -> {
                    socket.opened(open);
                    return socket;
                });
    }

    /** Queues a text frame behind the ones before it; completes when it is written. */
    public CompletableFuture<Void> send(String text) {
        return write(text.length(), () -> webSocket.sendText(text, true));
    }

    /**
     * Queues a WebSocket ping (a control frame, not a protocol frame), as client libraries send now
     * and then so that idle connections are not timed out by the hub or a proxy.
     */
    public CompletableFuture<Void> sendPing() {
        return write(0, () -> webSocket.sendPing(ByteBuffer.allocate(0)));
    }

    /**
     * Says goodbye: a close frame after the frames already queued, then waits up to {@code grace} for
     * the peer's close (a hub sends it only after it handled everything before); then drops the socket.
     * Frames that arrive meanwhile still reach the listener. Closing again changes nothing.
     *
     * @return completes when the socket is gone and the listener heard so
     */
    public CompletableFuture<Void> close(Duration grace) {
        WebSocket open = webSocket;
        if (open == null || ended.get()) {
            abort(new IOException("closed by the client"));
            return gone;
        }
        if (!closing.compareAndSet(false, true)) {
            return gone;
        }
        CompletableFuture<Void> closeFrame = writes.addLast(0, () -> open.sendClose(WebSocket.NORMAL_CLOSURE, "bye"),
                "the socket is closing");
        closeFrame.whenComplete((ignored, failure) -> {
            if (failure != null) {
                abort(failure);
            }
        });
        gone.copy().orTimeout(grace.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ignored, timeout) -> {
            if (timeout != null) {
                abort(new IOException("no close from the peer within " + grace.toMillis() + " ms"));
            }
        });
        return gone;
    }

    /** Drops the socket now; the listener hears {@code cause} unless the socket had already ended. */
    public void abort(Throwable cause) {
        writes.end("the socket was aborted");
        // The end is recorded first: aborting the JDK socket fails the write in flight, and that failure
        // must not reach the listener in place of the real cause.
        ended(cause);
        WebSocket open = webSocket;
        if (open != null) {
            // Not on the caller's thread: the JDK's WebSocket.abort() can deadlock with the HTTP client's selector
            // thread (it takes the transport's lock, then the selector's; the selector thread, busy with this
            // connection, the other way round — seen in FrameSocketTest under load). A caller must never hang on it.
            Thread aborting = new Thread(open::abort, "parley-socket-abort");
            aborting.setDaemon(true);
            aborting.start();
        }
    }

    /** Completes when the socket is gone and the listener heard so. */
    public CompletableFuture<Void> ended() {
        return gone;
    }

    @Override
    public void onOpen(WebSocket socket) {
        opened(socket);
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        lastHeardNanos = System.nanoTime();
        String text = assembler.append(data, last);
        if (text != null && !ended.get()) {
            try {
                listener.onFrame(this, text);
            } catch (RuntimeException e) {
                log.warn("a frame listener failed: {}", e.toString(), e);
            }
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        return heard(socket);
    }

    @Override
    public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
        return heard(socket);
    }

    @Override
    public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
        return heard(socket);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        ended(new IOException("the hub closed the connection (" + statusCode
                + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")"));
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        ended(error);
    }

    /** Records the JDK socket (from whichever of onOpen and the handshake's future comes first). */
    private synchronized void opened(WebSocket socket) {
        if (webSocket == null) {
            webSocket = socket;
            lastHeardNanos = System.nanoTime();
            watchSilence();
        }
    }

    private CompletableFuture<Void> write(long bytes, Supplier<CompletableFuture<WebSocket>> io) {
        CompletableFuture<Void> write = writes.add(bytes, io);
        write.whenComplete((ignored, failure) -> {
            // A write refused because the socket is closing must not cut short the close handshake.
            if (failure != null && !(failure instanceof WriteChain.Ended)) {
                abort(failure);
            }
        });
        return write;
    }

    private CompletionStage<?> heard(WebSocket socket) {
        lastHeardNanos = System.nanoTime();
        socket.request(1);
        return null;
    }

    /** Aborts the socket once nothing arrived for the silence limit; else checks again when it could be due. */
    private void watchSilence() {
        Duration limit = settings.silenceLimit();
        if (limit.isZero() || ended.get()) {
            return;
        }
        long left = lastHeardNanos + limit.toNanos() - System.nanoTime();
        if (left <= 0) {
            abort(new IOException("nothing from the hub for " + limit.toMillis() + " ms"));
            return;
        }
        try {
            settings.timer().schedule(this::watchSilence, left, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            // The socket's owner shut its timer down: it is closing this socket too.
        }
    }

    private void ended(Throwable cause) {
        if (ended.compareAndSet(false, true)) {
            writes.end("the socket is closed");
            try {
                listener.onClosed(this, cause);
            } finally {
                gone.complete(null);
            }
        }
    }
}
