package dev.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A participant on a live WebSocket (an agent or a script): shows as online, has a participant
 * type, can type and send. Frames it receives are queued for the test to read.
 */
final class SocketParticipant implements AutoCloseable {
    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames;
    private int sends;

    private SocketParticipant(WebSocket socket, BlockingQueue<JsonNode> frames) {
        this.socket = socket;
        this.frames = frames;
    }

    /**
     * Connects and authenticates, waiting for auth_ok. Compat (no extension frames) except for
     * {@code acked_send}, so {@link #sendAll} can wait until its messages are stored.
     */
    static SocketParticipant connect(int port, String name, String type) {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            JsonNode frame = parse(partial.toString());
                            partial.setLength(0);
                            frames.add(frame);
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
        SocketParticipant participant = new SocketParticipant(socket, frames);
        ObjectNode auth = Json.mapper().createObjectNode().put("type", "auth").put("name", name)
                .put("display_name", name).put("participant_type", type);
        auth.putArray("features").add("acked_send");
        participant.send(auth);
        participant.await("auth_ok");
        return participant;
    }

    private static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(ObjectNode frame) {
        socket.sendText(frame.toString(), true).join();
    }

    void typing(String channel) {
        send(Json.mapper().createObjectNode().put("type", "typing").put("channel", channel));
    }

    /** Sends one message and returns once the hub stored it (so several participants keep their order). */
    void say(String channel, String body) {
        sendAll(channel, java.util.List.of(body));
    }

    /** Sends messages in a burst and returns once the hub has stored every one (a `sent` each). */
    void sendAll(String channel, java.util.List<String> bodies) {
        for (int i = 0; i < bodies.size(); i++) {
            send(Json.mapper().createObjectNode().put("type", "send").put("channel", channel).put("body", bodies.get(i))
                    .put("client_msg_id", "burst-" + sends++));
        }
        for (int i = 0; i < bodies.size(); i++) {
            await("sent");
        }
    }

    /** The next frame of a type (others are skipped), waiting up to 10 s. */
    JsonNode await(String type) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame != null && type.equals(frame.path("type").asText())) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no '" + type + "' frame within 10 s");
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
    }
}
