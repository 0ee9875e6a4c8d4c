package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import dev.parley.testing.RestProbe;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One connection's sends are stored in the order they were sent (MessageFrames: "a connection's
 * sends reach the writer, and its channel, in the order they were sent") — also when the first
 * send into a group channel has to join it first, which takes a write of its own.
 */
class SendOrderTest {
    private static final int CHANNELS = 20;
    private static final int PER_CHANNEL = 40;

    @TempDir
    Path dir;

    @Test
    void pipelined_sends_into_channels_the_sender_has_not_joined_keep_their_order() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            List<String> channels = new ArrayList<>();
            for (int c = 0; c < CHANNELS; c++) {
                channels.add(RestProbe.json(hub.post("/api/channels/create",
                        "{\"name\":\"order-" + c + "\",\"created_by\":\"owner\"}")).get("channel_id").asText());
            }
            Inbox inbox = new Inbox();
            try (RawSocket alice = RawSocket.stream(URI.create("ws://127.0.0.1:" + hub.port() + "/ws"), inbox)) {
                alice.send(RawSocket.authFrame("alice", "*"));
                for (int i = 0; i < PER_CHANNEL; i++) {
                    for (String channel : channels) {
                        alice.send(Json.mapper().createObjectNode().put("type", "send").put("channel", channel)
                                .put("body", String.valueOf(i)).put("client_msg_id", channel + "/" + i));
                    }
                }
                inbox.awaitCount("sent", CHANNELS * PER_CHANNEL, Duration.ofSeconds(30));
                assertThat(inbox.frames("error")).isEmpty();
            }
            RestProbe http = hub.rest();
            for (String channel : channels) {
                List<String> bodies = StoredMessages.all(http, channel).stream().map(m -> m.get("body").asText())
                        .toList();
                assertThat(bodies).as("order in %s", channel)
                        .isEqualTo(IntStream.range(0, PER_CHANNEL).mapToObj(String::valueOf).toList());
            }
        }
    }
}
