package dev.parley.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.RawSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An ext client that streams {@code count} acked sends ({@code client_msg_id} = body =
 * {@code <prefix>-<i>}, the body optionally padded) into one channel from its own thread, with at most {@code window}
 * unacknowledged at a time. Records each {@code sent}; stops early when the connection ends.
 */
final class AckedSender implements AutoCloseable {
    private final RawSocket client;
    private final Inbox inbox = new Inbox();
    private final Map<String, JsonNode> acked = new ConcurrentHashMap<>();
    private final String channel;
    private final String prefix;
    private final int count;
    private final int window;
    private final String padding;
    private final Thread thread;
    private volatile int sent;
    private volatile boolean stopping;
    private volatile Throwable failure;

    private AckedSender(URI ws, String name, String channel, String prefix, int count, int window, int padding) {
        this.padding = padding == 0 ? "" : " " + "x".repeat(padding);
        this.channel = channel;
        this.prefix = prefix;
        this.count = count;
        this.window = window;
        this.client = RawSocket.stream(ws, this::frame);
        client.send(RawSocket.authFrame(name, "*"));
        inbox.await("auth_ok", Duration.ofSeconds(10));
        this.thread = new Thread(this::run, "acked-sender-" + name);
        thread.setDaemon(true);
    }

    /** Connects as {@code name} and starts sending. */
    static AckedSender start(URI ws, String name, String channel, String prefix, int count, int window) {
        return start(ws, name, channel, prefix, count, window, 0);
    }

    /** As {@link #start(URI, String, String, String, int, int)}, each body padded with that many characters. */
    static AckedSender start(URI ws, String name, String channel, String prefix, int count, int window, int padding) {
        AckedSender sender = new AckedSender(ws, name, channel, prefix, count, window, padding);
        sender.thread.start();
        return sender;
    }

    static String body(String prefix, int i) {
        return prefix + "-" + i;
    }

    /** The {@code sent} frames received, by client_msg_id. */
    Map<String, JsonNode> acked() {
        return acked;
    }

    /** How many sends went out. */
    int sent() {
        return sent;
    }

    RawSocket client() {
        return client;
    }

    Inbox inbox() {
        return inbox;
    }

    /** Waits until n sends were acknowledged. */
    void awaitAcked(int n, Duration timeout) {
        inbox.awaitCount("sent", n, timeout);
    }

    /** Sends nothing more (what was sent is still acknowledged); see {@link #awaitDone}. */
    void stop() {
        stopping = true;
    }

    /** Waits until the sending thread ended (all sent, stopped, or the connection broke). */
    void awaitDone(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("sender still running after " + timeout);
        }
    }

    Throwable failure() {
        return failure;
    }

    private void run() {
        try {
            for (int i = 0; i < count; i++) {
                if (i - acked.size() >= window) {
                    synchronized (inbox) {
                        while (i - acked.size() >= window && !client.isClosed()) {
                            inbox.wait(50);
                        }
                    }
                }
                if (client.isClosed() || stopping) {
                    return;
                }
                String id = body(prefix, i);
                if (!client.trySend(Json.mapper().createObjectNode().put("type", "send").put("channel", channel)
                        .put("body", id + padding).put("client_msg_id", id))) {
                    return;
                }
                sent = i + 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void frame(JsonNode frame) {
        if (Inbox.isType(frame, "sent")) {
            acked.put(frame.get("client_msg_id").asText(), frame);
        }
        inbox.accept(frame);
    }

    /** Errors the hub answered (none expected). */
    List<JsonNode> errors() {
        return inbox.frames("error");
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
