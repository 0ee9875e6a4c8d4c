package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client {@link Message} written in the hub's shape reads back as the same message. */
class MessageWireShapeTest {
    @Test
    void a_message_in_the_hub_shape_reads_back_the_same_with_every_field_set() throws Exception {
        Message m = new Message("ty-1", "ch-general", "général", "alice", "hi 😀\n", "code", "high", "ty-0",
                Map.of("k", "v", "n", List.of(1, 2)), Instant.parse("2026-02-20T04:54:28.444985Z"), 42, "bob",
                Instant.parse("2026-02-21T00:00:00.000001Z"), true);
        String json = m.toWire().toJson();
        assertThat(json).contains("\"created_at\":\"2026-02-20T04:54:28.444985+00:00\"");
        assertThat(Wire.message(Json.mapper().readTree(json))).isEqualTo(m);
    }

    @Test
    void a_message_with_nothing_optional_reads_back_the_same() throws Exception {
        Message m = new Message("ty-1", null, null, null, null, null, null, null, null, null, 0, null, null, false);
        assertThat(Wire.message(Json.mapper().readTree(m.toWire().toJson()))).isEqualTo(m);
    }
}
