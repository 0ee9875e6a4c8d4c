package dev.parley.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Another participant on a raw WebSocket, as a second agent would be: optionally answers every
 * message targeted at it ({@code to}) with a reply ({@code reply_to} = the message's id).
 */
final class TestAgent implements AutoCloseable {
    private final String name;
    private final WebSocket socket;
    private final List<JsonNode> frames = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile Function<JsonNode, String> answer;

    private TestAgent(int port, String name) {
        this.name = name;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Listener()).join();
        ObjectNode auth = Json.mapper().createObjectNode().put("type", "auth").put("name", name);
        auth.putArray("features").add("*");
        send(auth);
        await(f -> f.path("type").asText().equals("auth_ok"), Duration.ofSeconds(10));
    }

    static TestAgent connect(int port, String name) {
        return new TestAgent(port, name);
    }

    /** From now on, answers each message targeted at this agent with {@code answer.apply(message)} (null: stay silent). */
    TestAgent answering(Function<JsonNode, String> answer) {
        this.answer = answer;
        return this;
    }

    /** Waits for a received frame that matches. */
    synchronized JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonNode frame : frames) {
                if (match.test(frame)) {
                    return frame;
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError(name + " got no matching frame within " + timeout + "; got " + frames);
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    void send(JsonNode frame) {
        synchronized (socket) {
            socket.sendText(frame.toString(), true).join();
        }
    }

    /** Goes away abruptly, as a crashed agent would. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }

    private void received(JsonNode frame) {
        synchronized (this) {
            frames.add(frame);
            notifyAll();
        }
        Function<JsonNode, String> responder = answer;
        if (responder != null && frame.path("type").asText().equals("message") && name.equals(frame.path("to").asText())) {
            String reply = responder.apply(frame);
            if (reply != null) {
                send(Json.mapper().createObjectNode().put("type", "send").put("channel", frame.path("channel_id").asText())
                        .put("body", reply).put("reply_to", frame.path("message_id").asText()));
            }
        }
        if (frame.path("type").asText().equals("message")) {
            send(Json.mapper().createObjectNode().put("type", "ack").put("channel_id", frame.path("channel_id").asText())
                    .put("seq", frame.path("seq").asLong()));
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode frame = Json.mapper().readTree(text);
                    // Answer off the socket's thread: sending from inside onText would wait on ourselves.
                    CompletableFuture.runAsync(() -> received(frame));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
