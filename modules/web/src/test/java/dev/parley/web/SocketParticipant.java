package dev.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.testing.RawSocket;
import java.util.List;

/**
 * A participant on the hub's socket beside the browsers (an agent, a bot), for the browser tests: says things in
 * order and reads the conversation frame by frame. The socket is a {@link RawSocket}; this adds the chat moves.
 */
final class SocketParticipant implements AutoCloseable {
    private final RawSocket socket;
    private int sends;

    private SocketParticipant(RawSocket socket) {
        this.socket = socket;
    }

    /**
     * Connects and authenticates, waiting for auth_ok. Compat (no extension frames) except for
     * {@code acked_send}, so {@link #sendAll} can wait until its messages are stored.
     */
    static SocketParticipant connect(int port, String name, String type) {
        RawSocket socket = RawSocket.connect(port);
        socket.send(RawSocket.authFrame(name, "acked_send").put("display_name", name).put("participant_type", type));
        socket.next("auth_ok");
        return new SocketParticipant(socket);
    }

    void send(ObjectNode frame) {
        socket.send(frame);
    }

    void typing(String channel) {
        socket.send("typing", "channel", channel);
    }

    /** Sends one message and returns once the hub stored it (so several participants keep their order). */
    void say(String channel, String body) {
        sendAll(channel, List.of(body));
    }

    /** Sends messages in a burst and returns once the hub has stored every one (a `sent` each). */
    void sendAll(String channel, List<String> bodies) {
        for (String body : bodies) {
            send(Json.mapper().createObjectNode().put("type", "send").put("channel", channel).put("body", body)
                    .put("client_msg_id", "burst-" + sends++));
        }
        for (int i = 0; i < bodies.size(); i++) {
            socket.next("sent");
        }
    }

    /** The next frame of a type (others are passed over), waiting up to 10 s. */
    JsonNode await(String type) {
        return socket.next(type);
    }

    @Override
    public void close() {
        socket.close();
    }
}
