package dev.parley.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.time.Duration;
import java.util.List;

/** Fills a channel quickly: pipelined acked sends from a short-lived session, awaited until all are durable. */
final class Seeder {
    private Seeder() {}

    /**
     * Registers a participant without ever bringing it online ({@code register} authenticates
     * nothing), so it is offline for certain: what is sent next is pending for it.
     */
    static void register(InProcessHub hub, String name) {
        try (RawSocket client = RawSocket.connect(hub.port())) {
            client.send("register", "name", name);
            client.await("register_ok");
        }
    }

    /**
     * Sends {@code count} messages with bodies {@code prefix1 .. prefixN} as {@code sender}.
     *
     * @return the {@code sent} acknowledgements, in send order
     */
    static List<JsonNode> seed(InProcessHub hub, String sender, String channel, String prefix, int count) {
        try (RawSocket client = hub.client(sender, "acked_send")) {
            for (int i = 1; i <= count; i++) {
                client.send("send", "channel", channel, "body", prefix + i, "client_msg_id", prefix + "-" + i);
            }
            return client.awaitCount(WireShapes.ofType("sent"), count, Duration.ofSeconds(30));
        }
    }
}
