package dev.parley.server.socket;

import dev.parley.server.session.OutboundFrame;
import dev.parley.server.session.Transport;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/** A {@link Transport} over a Jetty WebSocket session. */
final class JettyTransport implements Transport {
    /** How long a closing connection may make no progress before it is dropped without a handshake. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final Session session;
    private final CoreSession core;
    private final String remote;
    private final boolean loopback;

    /** @param crossOrigin opened by a page of another (allow-listed) origin: never "this machine" */
    JettyTransport(Session session, boolean crossOrigin) {
        this.session = session;
        this.core = ((WebSocketSession) session).getCoreSession();
        SocketAddress address = session.getRemoteSocketAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            this.remote = inet.getAddress().getHostAddress();
            this.loopback = inet.getAddress().isLoopbackAddress() && !crossOrigin;
        } else {
            this.remote = String.valueOf(address);
            this.loopback = false;
        }
    }

    /**
     * Sends through Jetty's core session, which the API's {@code sendText} hides: every frame but the last is
     * batched (it waits in Jetty's aggregate buffer), and the last flushes them together, so a queue of small
     * frames leaves in one socket write instead of one each; the payload is the frame's shared UTF-8 bytes.
     */
    @Override
    public void send(List<OutboundFrame> frames, Runnable onWritten, Consumer<Throwable> onFailed) {
        BatchCallback done = new BatchCallback(frames.size(), onWritten, onFailed);
        int last = frames.size() - 1;
        for (int i = 0; i <= last; i++) {
            core.sendFrame(new Frame(OpCode.TEXT, frames.get(i).buffer()), done, i < last);
        }
    }

    /** One callback for a batch: written once every frame was, failed at the first failure. */
    private static final class BatchCallback implements org.eclipse.jetty.util.Callback {
        private final AtomicInteger remaining;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final Runnable onWritten;
        private final Consumer<Throwable> onFailed;

        BatchCallback(int frames, Runnable onWritten, Consumer<Throwable> onFailed) {
            this.remaining = new AtomicInteger(frames);
            this.onWritten = onWritten;
            this.onFailed = onFailed;
        }

        @Override
        public void succeeded() {
            if (remaining.decrementAndGet() == 0 && finished.compareAndSet(false, true)) {
                onWritten.run();
            }
        }

        @Override
        public void failed(Throwable failure) {
            if (finished.compareAndSet(false, true)) {
                onFailed.accept(failure);
            }
        }
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
