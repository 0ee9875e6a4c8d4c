package dev.parley.mcp.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live WebSocket session with the hub as this participant, kept up for the life of the MCP
 * server: authenticates with every protocol extension ({@code features: ["*"]}), reconnects with
 * backoff when the connection drops, and pings every 30 s so idle sessions stay open.
 *
 * <p>Lossless across reconnects because the session acks delivery explicitly ({@code delivery_ack}):
 * the hub counts a message delivered only when {@link Inbox} hands it to the agent, so whatever was
 * not handed over yet is replayed on the next {@code auth}; the inbox drops the copies it holds.
 *
 * <p>Owners: the JDK WebSocket calls {@link Frames} on one thread at a time per connection; the
 * {@code parley-mcp-socket} timer thread owns reconnects and pings; {@link #send} serialises writes
 * under {@code sendLock} (the JDK socket refuses overlapping sends). State read by tool threads is
 * volatile, and waiters use this object's monitor.
 */
public final class HubSocket implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HubSocket.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final long PING_SECONDS = 30;
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    /** A session that has not answered for this long (several pings) is taken for dead and replaced. */
    private static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(3 * PING_SECONDS);

    /** Receives every frame after authentication, on the socket's thread. */
    public interface Listener {
        /** The hub accepted {@code auth}; {@code authOk} is its {@code auth_ok} frame. */
        void authenticated(JsonNode authOk);

        /** Any other frame. */
        void frame(JsonNode frame);
    }

    private final HubAddress address;
    private final ObjectNode auth;
    private final Listener listener;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-mcp-socket");
        thread.setDaemon(true);
        return thread;
    });
    private final Object sendLock = new Object();

    private volatile WebSocket socket;
    private volatile boolean authenticated;
    private volatile boolean rejected;
    private volatile boolean closed;
    private volatile String problem = "not connected yet";
    private volatile long lastHeard = System.nanoTime();
    private int attempts; // guarded by this
    private long pongs; // guarded by this
    private boolean finished; // guarded by this: the first connection attempt has an outcome

    /**
     * @param name            the participant name
     * @param displayName     shown to humans, or null
     * @param participantType {@code ai}, {@code human} or {@code service}
     */
    public HubSocket(HubAddress address, String name, String displayName, String participantType, Listener listener) {
        this.address = address;
        this.listener = listener;
        this.auth = Json.mapper().createObjectNode().put("type", "auth").put("name", name)
                .put("participant_type", participantType);
        if (displayName != null) {
            auth.put("display_name", displayName);
        }
        if (address.token() != null) {
            auth.put("token", address.token());
        }
        if (address.key() != null) {
            auth.put("key", address.key());
        }
        auth.putArray("features").add("*");
    }

    /**
     * Connects and keeps reconnecting in the background; waits at most {@code wait} for the first
     * outcome.
     *
     * @return true when authenticated within the wait
     */
    public boolean start(Duration wait) {
        timer.execute(this::connect);
        timer.scheduleAtFixedRate(this::ping, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            while (!finished && System.nanoTime() < deadline) {
                waitUntil(deadline);
            }
        }
        return authenticated;
    }

    /** Waits up to {@code wait} for an authenticated session; true when there is one. */
    public boolean awaitConnected(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            while (!authenticated && !rejected && !closed && System.nanoTime() < deadline) {
                waitUntil(deadline);
            }
        }
        return authenticated;
    }

    /** True while an authenticated session is open. */
    public boolean isConnected() {
        return authenticated;
    }

    /** Why there is no session right now (null while connected). */
    public String problem() {
        return authenticated ? null : problem;
    }

    /** True when the hub refused this participant's credentials: no reconnect will help. */
    public boolean isRejected() {
        return rejected;
    }

    /** Sends a frame on the current session; false when there is none. */
    public boolean send(JsonNode frame) {
        WebSocket current = socket;
        if (current == null || !authenticated) {
            return false;
        }
        synchronized (sendLock) {
            try {
                current.sendText(frame.toString(), true).get(10, TimeUnit.SECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                log.debug("send failed: {}", e.toString());
                return false;
            }
        }
    }

    /**
     * Pings and waits for the pong: every frame this session sent before has been handled by the hub
     * (a connection's frames are handled in order).
     *
     * @return false when there is no session or no pong came within the timeout
     */
    public boolean roundTrip(Duration timeout) {
        long before;
        synchronized (this) {
            before = pongs;
        }
        if (!send(Json.mapper().createObjectNode().put("type", "ping"))) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (pongs == before && authenticated && System.nanoTime() < deadline) {
                waitUntil(deadline);
            }
            return pongs > before;
        }
    }

    /** Drops the current session; the usual reconnect follows, and with it the hub's replay of what is pending. */
    public void reconnect() {
        WebSocket current = socket;
        if (current != null) {
            current.abort(); // the JDK tells the listener nothing after an abort
            lost(current, "dropped the session so the hub replays what is pending");
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        WebSocket current = socket;
        if (current != null) {
            try {
                current.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                current.abort();
            }
        }
    }

    private void connect() {
        if (closed || rejected) {
            return;
        }
        http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(address.socket(), new Frames())
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        lost(null, HubRest.unreachable(address).getMessage());
                    }
                });
    }

    private void ping() {
        if (!authenticated) {
            return;
        }
        if (System.nanoTime() - lastHeard > SILENCE_NANOS) {
            log.warn("the hub has not answered for {} s", TimeUnit.NANOSECONDS.toSeconds(SILENCE_NANOS));
            reconnect();
        } else {
            send(Json.mapper().createObjectNode().put("type", "ping"));
        }
    }

    /**
     * A connection ended, or could not be made ({@code which} null): schedules the next attempt.
     * News about a connection that was already replaced is ignored, so each loss reconnects once.
     */
    private void lost(WebSocket which, String why) {
        boolean wasUp;
        int attempt;
        synchronized (this) {
            if (which != socket) {
                return;
            }
            wasUp = authenticated;
            authenticated = false;
            socket = null;
            finished = true;
            notifyAll();
            if (closed || rejected) {
                return;
            }
            problem = why;
            attempt = ++attempts;
        }
        if (wasUp || attempt == 1) {
            log.warn("{}; reconnecting", why);
        }
        try {
            long backoff = Math.min(MAX_BACKOFF_MILLIS, 250L << Math.min(attempt, 6));
            timer.schedule(this::connect, backoff, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void handle(JsonNode frame) {
        lastHeard = System.nanoTime();
        String type = frame.path("type").asText();
        switch (type) {
            case "auth_ok" -> {
                authenticated = true;
                problem = null;
                synchronized (this) {
                    attempts = 0;
                    finished = true;
                    notifyAll();
                }
                listener.authenticated(frame);
            }
            case "pong" -> {
                synchronized (this) {
                    pongs++;
                    notifyAll();
                }
            }
            case "error" -> {
                if ("auth".equals(frame.path("request_type").asText())) {
                    refused(frame.path("detail").asText("the hub refused this participant"));
                } else {
                    listener.frame(frame);
                }
            }
            default -> listener.frame(frame);
        }
    }

    private void refused(String detail) {
        rejected = true;
        problem = "the hub refused to let this server act as '" + auth.path("name").asText() + "': " + detail
                + " (set PARLEY_TOKEN / --token to the hub token, PARLEY_KEY / --key to this name's key)";
        log.error(problem);
        synchronized (this) {
            finished = true;
            notifyAll();
        }
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    private void waitUntil(long deadlineNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (millis <= 0) {
            return;
        }
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Assembles text frames and hands each JSON frame to {@link #handle}. */
    private final class Frames implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            lastHeard = System.nanoTime();
            webSocket.sendText(auth.toString(), true);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    handle(Json.mapper().readTree(text));
                } catch (Exception e) {
                    log.warn("could not handle a frame from the hub: {}", e.toString());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(webSocket, "connection to the hub closed (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(webSocket, "connection to the hub failed (" + error + ")");
        }
    }
}
