package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A {@link BenchSocket} on Jetty's WebSocket client that offers permessage-deflate, as browsers, Python
 * {@code websockets} and Node {@code ws} do: what a hub pays for such clients (it may decline; {@link #deflating}
 * says whether it accepted). Frames go out one at a time, in call order. Public only because Jetty calls its listener
 * methods through method handles; nothing outside the bench uses it.
 */
public final class DeflateBenchSocket implements BenchSocket, Session.Listener.AutoDemanding {
    static final String EXTENSION = "permessage-deflate";

    private final Listener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Session session;
    /** The last queued write: the next one starts when it is done (Jetty allows one message in flight). */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    private DeflateBenchSocket(Listener listener) {
        this.listener = listener;
    }

    /** A started Jetty client for many sockets; stop it once they are closed. */
    static WebSocketClient startClient(Duration timeout) {
        WebSocketClient client = new WebSocketClient();
        client.setConnectTimeout(timeout.toMillis());
        client.setIdleTimeout(Duration.ofMinutes(5));
        client.setMaxTextMessageSize(64L << 20); // a replay page or queued batch may be large
        try {
            client.start();
        } catch (Exception e) {
            throw new BenchFailure("cannot start Jetty's WebSocket client: " + e.getMessage());
        }
        return client;
    }

    static CompletableFuture<BenchSocket> open(WebSocketClient client, URI endpoint, Listener listener) {
        DeflateBenchSocket socket = new DeflateBenchSocket(listener);
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.addExtensions(EXTENSION);
        try {
            return client.connect(socket, endpoint, request).thenApply(open -> socket);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
    }

    @Override
    public void onWebSocketText(String text) {
        listener.onFrame(text);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end(new IOException("closed by the hub: " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason)));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end(cause);
    }

    private void end(Throwable cause) {
        if (ended.compareAndSet(false, true)) {
            listener.onClosed(cause);
        }
    }

    @Override
    public synchronized CompletableFuture<Void> send(String text) {
        return chain(callback -> session.sendText(text, callback));
    }

    @Override
    public synchronized CompletableFuture<Void> sendPing() {
        return chain(callback -> session.sendPing(ByteBuffer.allocate(0), callback));
    }

    private interface Write {
        void start(Callback callback);
    }

    /** Starts {@code write} once the writes before it are done; a failed write fails the ones after it. */
    private synchronized CompletableFuture<Void> chain(Write write) {
        CompletableFuture<Void> next = tail.thenCompose(ignored -> {
            if (ended.get()) {
                return CompletableFuture.failedFuture(new IOException("the socket is closed"));
            }
            Callback.Completable done = new Callback.Completable();
            write.start(done);
            return done;
        });
        tail = next;
        return next;
    }

    @Override
    public void close(Duration grace) {
        Session open = session;
        if (open == null || ended.get()) {
            abort(new IOException("closed by the bench"));
            return;
        }
        synchronized (this) {
            tail.handle((ignored, failure) -> {
                open.close(StatusCode.NORMAL, "bye", Callback.NOOP);
                return null;
            });
        }
        CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!ended.get()) {
                abort(new IOException("no close from the hub within " + grace.toMillis() + " ms"));
            }
        });
    }

    @Override
    public void abort(Throwable cause) {
        Session open = session;
        end(cause);
        if (open != null) {
            open.disconnect();
        }
    }

    @Override
    public boolean deflating() {
        Session open = session;
        return open != null && open.getUpgradeResponse().getExtensions().stream()
                .anyMatch(extension -> EXTENSION.equals(extension.getName()));
    }
}
