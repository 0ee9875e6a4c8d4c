package dev.parley.server.session;

/**
 * The socket under a {@link Session}: sends one text frame at a time and reports when it was
 * written. The hub's implementation wraps a Jetty WebSocket session.
 */
public interface Transport {
    /** Sends one text frame; exactly one of the callbacks runs once the frame is written or failed. */
    void sendText(String text, Runnable onWritten, java.util.function.Consumer<Throwable> onFailed);

    /** Sends a WebSocket ping, keeping idle-but-alive peers (and NAT entries) from timing out. */
    void ping();

    /** Closes the connection with a WebSocket status code and reason. */
    void close(int statusCode, String reason);

    /** The peer's address as text, for logs and presence. */
    String remoteAddress();

    /** True when the peer connects from this machine. */
    boolean isLoopback();
}
