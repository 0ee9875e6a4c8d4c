package dev.parley.server.session;

import java.util.List;
import java.util.function.Consumer;

/**
 * The socket under a {@link Session}: sends text frames, in order, and reports when they were written. The hub's
 * implementation wraps a Jetty WebSocket session.
 */
public interface Transport {
    /**
     * Sends frames in order, in as few socket writes as it can; exactly one of the callbacks runs, once, when every
     * frame was written or when one failed.
     */
    void send(List<OutboundFrame> frames, Runnable onWritten, Consumer<Throwable> onFailed);

    /** Sends a WebSocket ping, keeping idle-but-alive peers (and NAT entries) from timing out. */
    void ping();

    /** Closes the connection with a WebSocket status code and reason. */
    void close(int statusCode, String reason);

    /** The peer's address as text, for logs and presence. */
    String remoteAddress();

    /** True when the peer connects from this machine. */
    boolean isLoopback();
}
