package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.HubExtension;
import dev.parley.testing.RawSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reader that stops reading for a while (a paused process, a slow network) loses nothing within its budget: the
 * hub keeps what it cannot write, the sender's acks do not wait for it, and once it reads again every message
 * arrives once, in order.
 */
class StalledReaderTest {
    private static final int MESSAGES = 200;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final HubExtension hub = new HubExtension();

    @Test
    void a_reader_that_stalls_gets_every_message_in_order_once_it_reads_again() {
        try (RawSocket sender = hub.client("sender", "acked_send"); RawSocket reader = hub.client("reader")) {
            reader.stall();
            for (int i = 0; i < MESSAGES; i++) {
                sender.send("send", "channel", "general", "body", "m" + i, "client_msg_id", "c" + i);
            }
            sender.awaitCount(frame -> "sent".equals(frame.path("type").asText()), MESSAGES, WAIT);
            assertThat(reader.frames("message")).as("seen while stalled (at most the one already asked for)")
                    .hasSizeLessThanOrEqualTo(1);

            reader.resume();

            List<JsonNode> got = reader.awaitCount(frame -> "message".equals(frame.path("type").asText()), MESSAGES,
                    WAIT);
            assertThat(got).extracting(frame -> frame.path("body").asText())
                    .containsExactlyElementsOf(IntStream.range(0, MESSAGES).mapToObj(i -> "m" + i).toList());
            reader.roundTrip();
            assertThat(reader.frames("message")).hasSize(MESSAGES);
        }
    }
}
