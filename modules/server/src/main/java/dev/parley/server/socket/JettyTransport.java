package dev.parley.server.socket;

import dev.parley.server.session.Transport;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A {@link Transport} over a Jetty WebSocket session. */
final class JettyTransport implements Transport {
    /** How long a closing connection may make no progress before it is dropped without a handshake. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final Session session;
    private final String remote;
    private final boolean loopback;

    /** @param crossOrigin opened by a page of another (allow-listed) origin: never "this machine" */
    JettyTransport(Session session, boolean crossOrigin) {
        this.session = session;
        SocketAddress address = session.getRemoteSocketAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            this.remote = inet.getAddress().getHostAddress();
            this.loopback = inet.getAddress().isLoopbackAddress() && !crossOrigin;
        } else {
            this.remote = String.valueOf(address);
            this.loopback = false;
        }
    }

    @Override
    public void sendText(String text, Runnable onWritten, Consumer<Throwable> onFailed) {
        session.sendText(text, Callback.from(onWritten, onFailed));
    }

    @Override
    public void ping() {
        if (session.isOpen()) {
            session.sendPing(java.nio.ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    @Override
    public void close(int statusCode, String reason) {
        if (session.isOpen()) {
            // Close first: Jetty checks the idle timer at once when it is shortened, so a quiet
            // connection would otherwise expire (1001 "Connection Idle Timeout") before our close
            // frame went out. Then a peer that stopped reading never takes the close frame off the
            // wire; the short timeout keeps it from holding the connection (and staying online)
            // until the full idle timeout.
            session.close(statusCode, reason, Callback.NOOP);
            session.setIdleTimeout(CLOSE_GRACE);
        }
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    @Override
    public boolean isLoopback() {
        return loopback;
    }
}
