package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A raw WebSocket peer for conformance tests, on the JDK WebSocket: sends frames exactly as given (valid or not) and
 * either records every frame it receives, so a test awaits the one it expects (never sleeps) and checks what did not
 * arrive ({@link #connect}, {@link #auth}), or hands each frame to a handler as it arrives, for streams of thousands
 * ({@link #stream}). {@link #stall()} stops reading, so the hub's writes back up, until {@link #resume()}. A recording
 * socket can also {@link #observe} what it records, to act as a peer that answers.
 *
 * <p>Threads: frames arrive on the socket's listener thread and are recorded or handled under this object's lock, one
 * at a time; {@link #abort()} takes the same lock, so after it returns no frame is seen any more — like a client
 * process that vanished. Senders take turns (the JDK WebSocket allows one send at a time). An observer runs on a
 * thread of its own, one frame after the other.
 */
public final class RawSocket implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration AWAIT = Duration.ofSeconds(10);

    private final Consumer<JsonNode> handler;
    private final List<JsonNode> frames = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final Object sendTurn = new Object();
    private volatile WebSocket socket;
    private volatile String closeReason;
    private volatile Throwable failure;
    private volatile Consumer<JsonNode> observer;
    private ExecutorService observing;
    private boolean dead;
    private boolean stalled;
    private boolean owed;
    private int taken;

    private RawSocket(Consumer<JsonNode> handler) {
        this.handler = handler;
    }

    /** Connects to a hub on 127.0.0.1 and records what it receives. */
    public static RawSocket connect(int port) {
        return connect(port, null);
    }

    /** Connects to a hub on 127.0.0.1 as a page of {@code origin} would (null: no Origin header). */
    public static RawSocket connect(int port, String origin) {
        return open(URI.create("ws://127.0.0.1:" + port + "/ws"), origin, null);
    }

    /** Connects to any WebSocket address and records what it receives. */
    public static RawSocket connect(URI uri) {
        return open(uri, null, null);
    }

    /**
     * Connects and hands every frame to {@code handler} instead of recording it (fails with a CompletionException
     * when nothing listens there). What the handler throws is kept for {@link #failure()}.
     */
    public static RawSocket stream(URI uri, Consumer<JsonNode> handler) {
        return open(uri, null, handler);
    }

    /** Connects, authenticates and returns once {@code auth_ok} and the replay before it arrived. */
    public static RawSocket auth(int port, String name, String... features) {
        RawSocket client = connect(port);
        client.send(authFrame(name, features));
        client.await("auth_ok");
        // The hub answers a ping only after the auth's replay: from here on, messages arrive live.
        client.roundTrip();
        return client;
    }

    /** An {@code auth} frame for a name; the caller may add resume, token, key, display name. */
    public static ObjectNode authFrame(String name, String... features) {
        ObjectNode auth = Json.mapper().createObjectNode().put("type", "auth").put("name", name);
        if (features.length > 0) {
            auth.putArray("features").addAll(Arrays.stream(features).map(auth::textNode).toList());
        }
        return auth;
    }

    private static RawSocket open(URI uri, String origin, Consumer<JsonNode> handler) {
        RawSocket client = new RawSocket(handler);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        client.socket = builder.buildAsync(uri, client.new Listener()).join();
        return client;
    }

    /**
     * From now on, also hands each frame it records to {@code observer}, in arrival order, on a thread of this socket's
     * own, so the observer may send or {@link #abort()} as an answering peer does (the listener's thread must not wait
     * on a send). What it throws is kept for {@link #failure()}.
     */
    public synchronized RawSocket observe(Consumer<JsonNode> observer) {
        if (observing == null) {
            observing = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "raw-socket-observer");
                thread.setDaemon(true);
                return thread;
            });
        }
        this.observer = observer;
        return this;
    }

    /** Sends a frame given as text, verbatim; fails when the connection is gone. */
    public void sendText(String text) {
        synchronized (sendTurn) {
            if (isDead()) {
                throw new IllegalStateException("aborted");
            }
            socket.sendText(text, true).join();
        }
    }

    public void send(JsonNode frame) {
        sendText(frame.toString());
    }

    /** Sends {@code {"type": type, k1: v1, ...}} with string values. */
    public void send(String type, String... keyValues) {
        ObjectNode frame = Json.mapper().createObjectNode().put("type", type);
        for (int i = 0; i < keyValues.length; i += 2) {
            frame.put(keyValues[i], keyValues[i + 1]);
        }
        send(frame);
    }

    /** Like {@link #send}, but false instead of an exception when the connection is gone. */
    public boolean trySend(JsonNode frame) {
        return trySendText(frame.toString());
    }

    /** Like {@link #sendText}, but false instead of an exception (a load generator sending one text many times). */
    public boolean trySendText(String text) {
        try {
            sendText(text);
            return true;
        } catch (RuntimeException gone) {
            return false;
        }
    }

    /** Sends a binary frame (the protocol is text-only; for hostile-input tests). */
    public void sendBinary(byte[] data) {
        synchronized (sendTurn) {
            socket.sendBinary(ByteBuffer.wrap(data), true).join();
        }
    }

    /** The first recorded frame of this type (so far or within 10 s). */
    public JsonNode await(String type) {
        return await(ofType(type), AWAIT);
    }

    /** Waits for a recorded frame matching the predicate (looking at every frame received so far, too). */
    public synchronized JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonNode frame : frames) {
                if (match.test(frame)) {
                    return frame;
                }
            }
            waitUntil(deadline, () -> "no matching frame within " + timeout + "; received: " + frames);
        }
    }

    /**
     * The next recorded frame of this type after the one {@code next} returned last (frames of other types in
     * between are passed over), within 10 s: for reading a conversation in order.
     */
    public synchronized JsonNode next(String type) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (true) {
            for (; taken < frames.size(); taken++) {
                if (ofType(type).test(frames.get(taken))) {
                    return frames.get(taken++);
                }
            }
            waitUntil(deadline, () -> "no further '" + type + "' frame within " + AWAIT);
        }
    }

    /** Waits until at least n recorded frames match; returns them. */
    public synchronized List<JsonNode> awaitCount(Predicate<JsonNode> match, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> matching = frames.stream().filter(match).toList();
            if (matching.size() >= n) {
                return matching;
            }
            waitUntil(deadline, () -> "only " + matching.size() + " of " + n + " frames within " + timeout);
        }
    }

    /** Every frame recorded so far. */
    public synchronized List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** Recorded frames of a type. */
    public synchronized List<JsonNode> frames(String type) {
        return frames.stream().filter(ofType(type)).toList();
    }

    /** Sends a ping and waits for its pong: every frame the hub queued before it has arrived. */
    public void roundTrip() {
        int before = frames("pong").size();
        send("ping");
        awaitCount(ofType("pong"), before + 1, AWAIT);
    }

    /** Stops reading: frames stay in the socket (then in the hub's queue) until {@link #resume()}. */
    public synchronized void stall() {
        stalled = true;
    }

    /** Reads again after {@link #stall()}. */
    public void resume() {
        boolean request;
        synchronized (this) {
            stalled = false;
            request = owed;
            owed = false;
        }
        if (request) {
            socket.request(1);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Completes with the close code once the connection ended (1006 when it broke or was aborted). */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /** Waits until the connection is closed (by either side). */
    public void awaitClosed(Duration timeout) {
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("still open after " + timeout, e);
        }
    }

    /** The close code the hub sent, 1006 when the connection broke, -1 while open. */
    public int closeCode() {
        return closed.getNow(-1);
    }

    /** The reason of the close frame the hub sent, or null. */
    public String closeReason() {
        return closeReason;
    }

    /** What a handler threw, or why a frame could not be read (the listener swallows nothing silently). */
    public Throwable failure() {
        return failure;
    }

    /** Drops the connection without a close handshake; no frame is seen afterwards. */
    public void abort() {
        synchronized (this) {
            dead = true;
            notifyAll();
        }
        socket.abort();
        closed.complete(1006);
        stopObserving();
    }

    /** Closes with a handshake and waits for the hub's close: every frame it wrote has been seen. */
    @Override
    public void close() {
        stopObserving();
        if (closed.isDone()) {
            return;
        }
        try {
            synchronized (sendTurn) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            }
            closed.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            abort();
        }
    }

    private synchronized void stopObserving() {
        if (observing != null) {
            observing.shutdownNow(); // the socket is gone: nothing left to answer
        }
    }

    private void observed(Consumer<JsonNode> observer, JsonNode frame) {
        try {
            observer.accept(frame);
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
        }
    }

    private static Predicate<JsonNode> ofType(String type) {
        return frame -> type.equals(frame.path("type").asText());
    }

    private synchronized boolean isDead() {
        return dead;
    }

    private void waitUntil(long deadline, Supplier<String> failureMessage) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError(failureMessage.get() + (failure == null ? "" : "; failure: " + failure));
        }
        try {
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private synchronized void receive(String text) {
        if (dead) {
            return;
        }
        try {
            JsonNode frame = Json.mapper().readTree(text);
            if (handler != null) {
                handler.accept(frame);
            } else {
                frames.add(frame);
                notifyAll();
                Consumer<JsonNode> current = observer;
                if (current != null && !observing.isShutdown()) {
                    observing.execute(() -> observed(current, frame));
                }
            }
        } catch (Throwable t) {
            if (failure == null) {
                failure = handler != null ? t : new AssertionError("hub sent invalid JSON: " + text, t);
            }
        }
    }

    /** Whether to ask for the next frame now; when stalled, the request is owed until {@link #resume()}. */
    private synchronized boolean readOn() {
        if (stalled) {
            owed = true;
            return false;
        }
        return true;
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                receive(text);
            }
            if (readOn()) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            wake();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
            wake();
        }

        private void wake() {
            synchronized (RawSocket.this) {
                RawSocket.this.notifyAll();
            }
        }
    }
}
