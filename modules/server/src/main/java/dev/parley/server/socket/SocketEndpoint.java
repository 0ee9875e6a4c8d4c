package dev.parley.server.socket;

import dev.parley.server.HubServices;
import dev.parley.server.Limits;
import dev.parley.server.http.OriginGuard;
import dev.parley.server.session.RateLimiter;
import dev.parley.server.session.Session;
import dev.parley.server.session.WriteWindow;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code /ws}: one {@link Session} per connection; frames go to the {@link FrameDispatcher}.
 *
 * <pre>websocat ws://localhost:9700/ws   then   {"type":"auth","name":"alice"}</pre>
 *
 * <p>Jetty calls these handlers for one connection one at a time; different connections run in
 * parallel on Jetty's threads.
 *
 * <p>A socket must authenticate within {@link dev.parley.server.Limits#authTimeoutMillis}, or it is
 * closed with 1008; only authenticated sockets get server pings (a ping would otherwise keep an
 * idle, anonymous socket past Jetty's idle timeout for ever). Each remote address may hold only so
 * many sockets ({@link AddressCaps}); one more is closed with 1008 as soon as it opens.
 */
public final class SocketEndpoint {
    /** Server pings keep idle-but-alive clients (and NAT entries) from timing out. */
    private static final long PING_SECONDS = 20;
    /** How long shutdown waits for clients to answer its close frames. */
    private static final long DRAIN_MILLIS = 5_000;

    private final HubServices hub;
    private final FrameDispatcher dispatcher;
    private final Map<String, Connection> byContext = new ConcurrentHashMap<>();
    private final AddressCaps caps;
    private final LongAdder refused;
    private final LongAdder timedOut;
    /**
     * Our own daemon thread for pings and auth deadlines: Javalin's automatic pings run on a thread
     * that outlives the hub. Cancelled deadlines leave its queue at once.
     */
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "parley-ws-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Object drained = new Object();
    /**
     * Where an {@code auth} continues once its registration is durable (going online, {@code auth_ok}, the replay's
     * start, presence: reads that must not run on the store's completion thread, and need not hold a socket's).
     * Its queue is bounded by the connections: each has at most one admission in it, since a connection's next
     * frame (a second auth included) waits for the one before ({@code FrameDispatcher}), and connections are capped
     * per address ({@link AddressCaps}).
     */
    private final ExecutorService admissions = Executors.newFixedThreadPool(ADMISSION_THREADS, r -> {
        Thread thread = new Thread(r, "parley-admission");
        thread.setDaemon(true);
        return thread;
    });
    private static final int ADMISSION_THREADS = 2;
    /** The open connections by session, to end an authenticated one's deadline. */
    private final Map<Session, Connection> bySession = new ConcurrentHashMap<>();

    /**
     * One open socket: its session, whether it has authenticated yet (set once its auth is done, on an
     * admission thread), and its auth deadline.
     */
    private static final class Connection {
        final Session session;
        volatile boolean authenticated;
        /** Set when the socket closed; with {@link #authenticated}, changed under the endpoint's lock. */
        boolean gone;
        volatile ScheduledFuture<?> deadline;

        Connection(Session session) {
            this.session = session;
        }
    }

    public SocketEndpoint(HubServices hub) {
        this.hub = hub;
        this.dispatcher = new FrameDispatcher(hub, admissions, session -> {
            Connection connection = bySession.get(session);
            if (connection != null) {
                authenticated(connection);
            }
        });
        this.caps = new AddressCaps(hub.limits());
        timer.setRemoveOnCancelPolicy(true);
        this.refused = hub.metrics().counter("parley_connections_refused_total",
                "Sockets closed on opening: their address held too many.");
        this.timedOut = hub.metrics().counter("parley_auth_timeouts_total",
                "Sockets closed for not authenticating in time.");
        hub.metrics().gauge("parley_connected_addresses", "Remote addresses holding at least one socket.",
                caps::addresses);
        timer.scheduleWithFixedDelay(this::pingAuthenticated, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
    }

    private void pingAuthenticated() {
        for (Session session : hub.sessions().all()) {
            if (session.participant() != null) {
                session.transport().ping();
            }
        }
    }

    public void register(RoutesConfig routes) {
        routes.ws("/ws", ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(ctx -> {
                Connection connection = byContext.get(ctx.sessionId());
                if (connection != null) {
                    dispatcher.handle(connection.session, ctx.message());
                }
            });
            ws.onBinaryMessage(ctx -> {
                Connection connection = byContext.get(ctx.sessionId());
                if (connection != null) {
                    dispatcher.binary(connection.session);
                }
            });
            ws.onClose(ctx -> closed(ctx));
            ws.onError(ctx -> closed(ctx));
        });
    }

    private void connected(WsContext ctx) {
        Limits limits = hub.limits();
        JettyTransport transport = new JettyTransport(ctx.session, OriginGuard.isCrossOrigin(ctx));
        if (!caps.open(transport.remoteAddress(), transport.isLoopback())) {
            refused.increment();
            transport.close(Session.CLOSE_POLICY, "too many connections from your address");
            return;
        }
        Session session = new Session(transport, limits.outboundQueue(), limits.maxSessionBytes(),
                hub.sessions().outbound(), new RateLimiter(limits.ratePerSecond(), limits.rateBurst()),
                new WriteWindow(limits.connectionWriteTasks(), limits.connectionWriteBytes()));
        Connection connection = new Connection(session);
        byContext.put(ctx.sessionId(), connection);
        bySession.put(session, connection);
        hub.sessions().connected(session);
        long timeout = hub.limits().authTimeoutMillis();
        if (timeout > 0) {
            try {
                connection.deadline = timer.schedule(() -> expire(session, timeout), timeout, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                session.close(1001, "hub shutting down; reconnect to resume");
            }
        }
    }

    /** The auth deadline passed: a socket that is still anonymous is closed. */
    private void expire(Session session, long timeout) {
        if (session.participant() == null && !session.isClosed()) {
            timedOut.increment();
            session.close(Session.CLOSE_POLICY, "not authenticated within " + timeout + " ms; send 'auth' first");
        }
    }

    private synchronized void authenticated(Connection connection) {
        if (connection.authenticated || connection.gone) {
            return;
        }
        connection.authenticated = true;
        caps.authenticated(connection.session.transport().remoteAddress());
        if (connection.deadline != null) {
            connection.deadline.cancel(false);
        }
    }

    private void closed(WsContext ctx) {
        Connection connection = byContext.remove(ctx.sessionId());
        if (connection != null) {
            Session session = connection.session;
            bySession.remove(session);
            if (connection.deadline != null) {
                connection.deadline.cancel(false);
            }
            synchronized (this) {
                connection.gone = true;
                caps.closed(session.transport().remoteAddress(), connection.authenticated);
            }
            session.markClosed();
            dispatcher.gone(session);
        }
        synchronized (drained) {
            drained.notifyAll();
        }
    }

    /**
     * Closes every connection (graceful shutdown) and waits, at most {@link #DRAIN_MILLIS}, until each
     * has closed: stopping the server before would cut the close frames off, and clients would see an
     * abnormal 1006 instead of 1001. (Jetty counts 1001 as abnormal: it closes the connection once the
     * frame is written, without waiting for the client's answer.) Clients resume from their cursors.
     */
    public void closeAll(String reason) {
        timer.shutdownNow();
        admissions.shutdown();
        for (Session session : hub.sessions().all()) {
            session.close(1001, reason);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        synchronized (drained) {
            long left;
            while (!byContext.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
