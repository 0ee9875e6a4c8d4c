package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.client.transport.FrameListener;
import dev.parley.client.transport.FrameSocket;
import dev.parley.client.transport.TransportSettings;
import dev.parley.protocol.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one authenticated connection to the hub: opens it (a {@link FrameSocket}), authenticates,
 * reopens it with backoff when it drops, and pings it so that a dead peer is noticed (the socket's
 * silence limit, three ping intervals, then ends it).
 *
 * <p>Owner of the connection state: {@link #lock} guards {@code state}, {@code current} (the
 * authenticated connection) and {@code pending} (one being opened). Hooks run outside the lock,
 * except {@link Hooks#state}, which must only queue. {@link Hooks#authenticated} runs on the new connection's reader thread before any later frame is
 * read, so whatever it sets up (resending queued sends) happens before the replay is processed.
 * Reconnect attempts and pings run on the client's timer thread and never block it.
 */
final class Link implements FrameListener {
    private static final Logger log = LoggerFactory.getLogger(Link.class);

    /** How long a closing connection waits for the hub's close before it is dropped. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    /** What the client does at each step of a connection's life. */
    interface Hooks {
        /** The {@code auth} frame for a new connection (credentials, features, resume positions). */
        String authFrame();

        /** {@code auth_ok} arrived on a new connection, now the current one (reader thread). */
        void authenticated(FrameSocket connection, JsonNode authOk);

        /** Any other frame on the current connection (reader thread). */
        void frame(JsonNode frame);

        /** The current connection is gone. */
        void lost(FrameSocket connection);

        /** The state changed. */
        void state(ConnectionEvent event);
    }

    private final URI uri;
    private final URI hubAddress;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Backoff backoff;
    private final Duration connectTimeout;
    private final Duration pingInterval;
    private final TransportSettings transport;
    private final Hooks hooks;
    private final String ping = Wire.text(Wire.frame("ping"));
    private final Object lock = new Object();
    private ConnectionState state = ConnectionState.DISCONNECTED;
    private FrameSocket current;
    private FrameSocket pending;
    private CompletableFuture<Void> handshake;
    private int failures;
    private ScheduledFuture<?> heartbeat;

    /**
     * @param uri        the WebSocket endpoint
     * @param hubAddress the hub's HTTP address, for messages
     */
    Link(URI uri, URI hubAddress, HttpClient http, ScheduledExecutorService timer, Backoff backoff,
         Duration connectTimeout, Duration pingInterval, Hooks hooks) {
        this.uri = uri;
        this.hubAddress = hubAddress;
        this.http = http;
        this.timer = timer;
        this.backoff = backoff;
        this.connectTimeout = connectTimeout;
        this.pingInterval = pingInterval;
        this.hooks = hooks;
        TransportSettings socket = TransportSettings.of(connectTimeout);
        this.transport = pingInterval.isZero() ? socket : socket.withSilenceLimit(pingInterval.multipliedBy(3), timer);
    }

    /** Connects and authenticates, or throws; afterwards a lost connection is reopened automatically. */
    void connect() {
        synchronized (lock) {
            if (state == ConnectionState.CLOSED) {
                throw new ParleyException(ParleyException.CLOSED, "this client was closed");
            }
            if (state != ConnectionState.DISCONNECTED) {
                return;
            }
            state(ConnectionState.CONNECTING, 0, null);
        }
        try {
            attempt().get();
        } catch (ExecutionException e) {
            synchronized (lock) {
                if (state == ConnectionState.CONNECTING) {
                    state(ConnectionState.DISCONNECTED, 0, e.getCause().getMessage());
                }
            }
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ParleyException.INTERRUPTED, "interrupted while connecting", e);
        }
        synchronized (lock) {
            if (heartbeat == null && !pingInterval.isZero()) {
                long every = pingInterval.toMillis();
                heartbeat = timer.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
            }
        }
    }

    ConnectionState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Writes a frame on the current connection; false when there is none. */
    boolean send(String text) {
        FrameSocket connection;
        synchronized (lock) {
            connection = current;
        }
        if (connection == null) {
            return false;
        }
        connection.send(text);
        return true;
    }

    /**
     * Closes for good; no reconnect follows.
     *
     * @return completes once the hub acknowledged the close (so it handled every frame before it) or
     *         the socket was dropped
     */
    CompletableFuture<Void> close(String why) {
        FrameSocket connection;
        FrameSocket opening;
        synchronized (lock) {
            if (state == ConnectionState.CLOSED) {
                return CompletableFuture.completedFuture(null);
            }
            connection = current;
            opening = pending;
            current = null;
            pending = null;
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            state(ConnectionState.CLOSED, 0, why);
        }
        if (opening != null) {
            opening.abort(new IOException("closed by the client"));
        }
        if (connection == null) {
            return CompletableFuture.completedFuture(null);
        }
        hooks.lost(connection);
        return connection.close(CLOSE_GRACE);
    }

    /** One attempt: open, send {@code auth}, wait for {@code auth_ok}. */
    private CompletableFuture<Void> attempt() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            handshake = done;
        }
        FrameSocket.open(http, uri, this, transport).whenComplete((connection, failure) -> {
            if (failure != null) {
                done.completeExceptionally(HubHttp.unreachable(hubAddress, unwrap(failure)));
                return;
            }
            synchronized (lock) {
                if (state == ConnectionState.CLOSED || done.isDone()) {
                    connection.abort(new IOException("not needed any more"));
                    return;
                }
                pending = connection;
            }
            connection.send(hooks.authFrame());
        });
        done.orTimeout(connectTimeout.toMillis() * 2, TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> {
            if (failure != null) {
                FrameSocket opening;
                synchronized (lock) {
                    opening = pending;
                    pending = null;
                }
                if (opening != null) {
                    opening.abort(failure);
                }
            }
        });
        return done;
    }

    @Override
    public void onFrame(FrameSocket connection, String text) {
        try {
            JsonNode frame = Wire.parse(text);
            String type = frame.path("type").asText();
            CompletableFuture<Void> finished = null;
            synchronized (lock) {
                if (connection == pending) {
                    if (type.equals("auth_ok")) {
                        pending = null;
                        current = connection;
                        failures = 0;
                        finished = handshake;
                    } else if (type.equals("error")) {
                        pending = null;
                        String code = frame.path("code").asText(ErrorCode.AUTH_FAILED.wire());
                        handshake.completeExceptionally(new ParleyException(code,
                                "the hub refused the connection: " + frame.path("detail").asText()));
                        connection.abort(new IOException("refused"));
                        return;
                    }
                } else if (connection != current) {
                    return;
                }
            }
            if (finished != null) {
                hooks.authenticated(connection, frame);
                synchronized (lock) {
                    if (current == connection) {
                        state(ConnectionState.CONNECTED, 0, null);
                    }
                }
                finished.complete(null);
                return;
            }
            hooks.frame(frame);
        } catch (RuntimeException e) {
            log.warn("could not handle a frame from the hub: {}", e.toString(), e);
        }
    }

    @Override
    public void onClosed(FrameSocket connection, Throwable cause) {
        synchronized (lock) {
            if (connection == pending) {
                pending = null;
                handshake.completeExceptionally(HubHttp.unreachable(hubAddress, cause));
                return;
            }
            if (connection != current) {
                return;
            }
            current = null;
            if (state == ConnectionState.CLOSED) {
                return;
            }
            state(ConnectionState.RECONNECTING, failures, cause.getMessage());
        }
        log.info("connection to {} lost ({}); reconnecting", uri, cause.getMessage());
        hooks.lost(connection);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        Duration delay;
        synchronized (lock) {
            if (state == ConnectionState.CLOSED) {
                return;
            }
            delay = backoff.delay(++failures);
        }
        timer.schedule(this::reconnect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void reconnect() {
        synchronized (lock) {
            if (state == ConnectionState.CLOSED) {
                return;
            }
        }
        attempt().whenComplete((ok, failure) -> {
            if (failure == null) {
                log.info("reconnected to {}", uri);
                return;
            }
            ParleyException why = failure(failure);
            if (why.code().equals(ErrorCode.AUTH_FAILED.wire()) || why.code().equals(ErrorCode.BAD_NAME.wire())) {
                log.error("the hub refused to re-authenticate: {}; giving up", why.getMessage());
                close(why.getMessage());
                return;
            }
            synchronized (lock) {
                if (state == ConnectionState.RECONNECTING) {
                    state(ConnectionState.RECONNECTING, failures, why.getMessage());
                }
            }
            log.debug("reconnect attempt {} failed: {}", failures, why.getMessage());
            scheduleReconnect();
        });
    }

    /** Pings the current connection, so that a live hub always has something to answer within the silence limit. */
    private void heartbeat() {
        FrameSocket connection;
        synchronized (lock) {
            connection = current;
        }
        if (connection != null) {
            connection.send(ping);
        }
    }

    /** Records and announces a state (caller holds the lock). */
    private void state(ConnectionState next, int attempt, String detail) {
        state = next;
        hooks.state(new ConnectionEvent(next, attempt, detail));
    }

    private static ParleyException failure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ParleyException parley) {
            return parley;
        }
        if (cause instanceof TimeoutException) {
            return new ParleyException(ParleyException.TIMEOUT, "the hub did not answer the handshake in time", cause);
        }
        return new ParleyException(ParleyException.UNREACHABLE, String.valueOf(cause.getMessage()), cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
