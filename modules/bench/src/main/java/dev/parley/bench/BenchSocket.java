package dev.parley.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One bench WebSocket: text frames out in call order, frames in to a {@link Listener}. Two kinds: the client library's
 * {@link JdkBenchSocket} (the JDK's WebSocket, which offers no extensions) and {@link DeflateBenchSocket} (Jetty's
 * client, offering permessage-deflate as browsers, Python {@code websockets} and Node {@code ws} do).
 */
interface BenchSocket {
    /** Hears a socket: called one at a time on the socket's own threads, and must not block. */
    interface Listener {
        void onFrame(String text);

        /** The socket is gone however it ended; exactly once, and only for a socket that opened. */
        void onClosed(Throwable cause);
    }

    /** Queues a text frame after any still being written; completes when it is written. */
    CompletableFuture<Void> send(String text);

    /** A WebSocket-level ping (a control frame), as client libraries send now and then. */
    CompletableFuture<Void> sendPing();

    /** A close frame after the queued ones; the socket is dropped if the peer has not closed within {@code grace}. */
    void close(Duration grace);

    /** Drops the socket now. */
    void abort(Throwable cause);

    /** Whether the hub accepted permessage-deflate on this socket. */
    boolean deflating();
}
