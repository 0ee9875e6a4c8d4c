package dev.parley.server.socket;

import dev.parley.server.HubServices;
import dev.parley.server.Limits;
import dev.parley.server.session.RateLimiter;
import dev.parley.server.session.Session;
import dev.parley.server.session.WriteWindow;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code /ws}: one {@link Session} per connection; frames go to the {@link FrameDispatcher}.
 *
 * <pre>websocat ws://localhost:9700/ws   then   {"type":"auth","name":"alice"}</pre>
 *
 * <p>Jetty calls these handlers for one connection one at a time; different connections run in
 * parallel on Jetty's threads.
 */
public final class SocketEndpoint {
    /** Server pings keep idle-but-alive clients (and NAT entries) from timing out. */
    private static final long PING_SECONDS = 20;
    /** How long shutdown waits for clients to answer its close frames. */
    private static final long DRAIN_MILLIS = 5_000;

    private final HubServices hub;
    private final FrameDispatcher dispatcher;
    private final Map<String, Session> byContext = new ConcurrentHashMap<>();
    /** Our own daemon pinger: Javalin's automatic pings run on a thread that outlives the hub. */
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "parley-ws-ping");
        thread.setDaemon(true);
        return thread;
    });
    private final Object drained = new Object();

    public SocketEndpoint(HubServices hub) {
        this.hub = hub;
        this.dispatcher = new FrameDispatcher(hub);
        pinger.scheduleWithFixedDelay(() -> hub.sessions().all().forEach(s -> s.transport().ping()),
                PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
    }

    public void register(RoutesConfig routes) {
        routes.ws("/ws", ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(ctx -> {
                Session session = byContext.get(ctx.sessionId());
                if (session != null) {
                    dispatcher.handle(session, ctx.message());
                }
            });
            ws.onBinaryMessage(ctx -> {
                Session session = byContext.get(ctx.sessionId());
                if (session != null) {
                    dispatcher.binary(session);
                }
            });
            ws.onClose(ctx -> closed(ctx));
            ws.onError(ctx -> closed(ctx));
        });
    }

    private void connected(WsContext ctx) {
        Limits limits = hub.limits();
        Session session = new Session(new JettyTransport(ctx.session), limits.outboundQueue(), limits.maxSessionBytes(),
                hub.sessions().outbound(), new RateLimiter(limits.ratePerSecond(), limits.rateBurst()),
                new WriteWindow(limits.connectionWriteTasks(), limits.connectionWriteBytes()));
        byContext.put(ctx.sessionId(), session);
        hub.sessions().connected(session);
    }

    private void closed(WsContext ctx) {
        Session session = byContext.remove(ctx.sessionId());
        if (session != null) {
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
        pinger.shutdownNow();
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
