package dev.parley.bench;

import dev.parley.client.transport.FrameListener;
import dev.parley.client.transport.FrameSocket;
import dev.parley.client.transport.TransportSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A {@link BenchSocket} on the client library's {@link FrameSocket} (the JDK's WebSocket: no extensions offered). */
final class JdkBenchSocket implements BenchSocket {
    private final FrameSocket socket;

    private JdkBenchSocket(FrameSocket socket) {
        this.socket = socket;
    }

    static CompletableFuture<BenchSocket> open(HttpClient http, URI endpoint, Listener listener, Duration timeout) {
        FrameListener frames = new FrameListener() {
            @Override
            public void onFrame(FrameSocket from, String text) {
                listener.onFrame(text);
            }

            @Override
            public void onClosed(FrameSocket from, Throwable cause) {
                listener.onClosed(cause);
            }
        };
        return FrameSocket.open(http, endpoint, frames, TransportSettings.of(timeout)).thenApply(JdkBenchSocket::new);
    }

    @Override
    public CompletableFuture<Void> send(String text) {
        return socket.send(text);
    }

    @Override
    public CompletableFuture<Void> sendPing() {
        return socket.sendPing();
    }

    @Override
    public void close(Duration grace) {
        socket.close(grace);
    }

    @Override
    public void abort(Throwable cause) {
        socket.abort(cause);
    }

    @Override
    public boolean deflating() {
        return false;
    }
}
