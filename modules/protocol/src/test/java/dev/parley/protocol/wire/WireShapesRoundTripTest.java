package dev.parley.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.protocol.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a writer of {@code dev.parley.protocol.wire} writes, its reader reads back as the same record. */
class WireShapesRoundTripTest {
    private static final String AT = "2026-02-20T04:54:28.444985+00:00";

    private static JsonNode read(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    @Test
    void a_message_with_every_field_set_reads_back_the_same() throws Exception {
        JsonNode metadata = read("{\"k\":\"v\",\"n\":[1,2.5,null],\"deep\":{\"é\":\"😀\"},\"flag\":true}");
        WireMessage m = new WireMessage("m-1", "c-1", "général", "alice", "hi \"there\" 😀\n\t\u0001", "action", "high",
                "m-0", metadata, AT, 42, "bob", "2026-02-21T00:00:00.000001+00:00", true);
        assertThat(WireMessage.read(read(m.toJson()))).isEqualTo(m);
        JsonNode frame = read(m.toFrame("message_edited"));
        assertThat(frame.path("type").asText()).isEqualTo("message_edited");
        assertThat(frame.fieldNames().next()).isEqualTo("type");
        assertThat(WireMessage.read(frame)).isEqualTo(m);
    }

    @Test
    void a_message_with_nulls_reads_back_the_same_and_leaves_optional_fields_out() throws Exception {
        WireMessage m = new WireMessage("m-1", null, null, null, null, null, null, null, null, null, 0, null, null, false);
        String json = m.toJson();
        assertThat(read(json).has("to")).isFalse();
        assertThat(read(json).has("edited_at")).isFalse();
        assertThat(read(json).has("deleted")).isFalse();
        assertThat(read(json).get("metadata").isObject()).isTrue();
        assertThat(read(json).get("reply_to").isNull()).isTrue();
        assertThat(WireMessage.read(read(json))).isEqualTo(m);
        assertThat(m.metadata()).isEqualTo(JsonNodeFactory.instance.objectNode());
    }

    @Test
    void metadata_that_is_not_an_object_survives_and_metadata_sent_as_json_text_is_read_as_json() throws Exception {
        for (JsonNode metadata : new JsonNode[] {JsonNodeFactory.instance.textNode("not json"),
                JsonNodeFactory.instance.nullNode(), read("[1,\"x\"]"), read("5")}) {
            WireMessage m = new WireMessage("m", "c", "g", "a", "b", "text", "normal", null, metadata, AT, 1, null,
                    null, false);
            assertThat(WireMessage.read(read(m.toJson()))).as("metadata %s", metadata).isEqualTo(m);
        }
        JsonNode asText = read("{\"message_id\":\"m\",\"metadata\":\"{\\\"bench_run\\\":\\\"r1\\\"}\"}");
        assertThat(WireMessage.read(asText).metadata()).isEqualTo(read("{\"bench_run\":\"r1\"}"));
    }

    @Test
    void stored_metadata_text_becomes_its_json_or_stays_text() {
        assertThat(WireMessage.metadataOf(null).isObject()).isTrue();
        assertThat(WireMessage.metadataOf("{\"a\": 1}").path("a").asInt()).isEqualTo(1);
        assertThat(WireMessage.metadataOf("{} trailing").asText()).isEqualTo("{} trailing");
        assertThat(WireMessage.metadataOf("").isNull()).isTrue();
    }

    @Test
    void a_channel_reads_back_the_same_and_its_flag_is_a_number_on_the_wire() throws Exception {
        WireChannel c = new WireChannel("c-1", "général", "private", "alice", "topic ✓", true, AT, AT, 9);
        assertThat(read(c.toJson()).get("is_private").isInt()).isTrue();
        assertThat(WireChannel.read(read(c.toJson()))).isEqualTo(c);
        WireChannel empty = new WireChannel(null, null, null, null, null, false, null, null, 0);
        assertThat(WireChannel.read(read(empty.toJson()))).isEqualTo(empty);
    }

    @Test
    void a_channel_named_only_as_channel_name_and_flagged_as_boolean_is_read() throws Exception {
        WireChannel c = WireChannel.read(read("{\"channel_id\":\"c\",\"channel_name\":\"dm\",\"is_private\":true}"));
        assertThat(c.name()).isEqualTo("dm");
        assertThat(c.isPrivate()).isTrue();
    }

    @Test
    void a_participant_reads_back_the_same_online_or_not() throws Exception {
        for (boolean online : new boolean[] {true, false}) {
            WireParticipant p = new WireParticipant("bob", "Bob ✓", "human", "hw", online, AT, "::1", AT);
            assertThat(read(p.toJson()).get("is_online").asInt()).isEqualTo(online ? 1 : 0);
            assertThat(WireParticipant.read(read(p.toJson()))).isEqualTo(p);
        }
        WireParticipant empty = new WireParticipant(null, null, null, null, false, null, null, null);
        assertThat(WireParticipant.read(read(empty.toJson()))).isEqualTo(empty);
    }

    @Test
    void a_reaction_reads_back_the_same() throws Exception {
        WireReaction r = new WireReaction("m-1", "bob", "👍", AT);
        assertThat(WireReaction.read(read(r.toJson()))).isEqualTo(r);
        WireReaction empty = new WireReaction(null, null, null, null);
        assertThat(WireReaction.read(read(empty.toJson()))).isEqualTo(empty);
    }

    @Test
    void wire_time_writes_the_hub_form_and_reads_it_back_to_the_microsecond() {
        Instant instant = Instant.parse("2026-02-20T04:54:28.444985123Z");
        assertThat(WireTime.format(instant)).isEqualTo(AT);
        assertThat(WireTime.parse(AT)).isEqualTo(Instant.parse("2026-02-20T04:54:28.444985Z"));
        assertThat(WireTime.parse("2026-02-20T05:54:28+01:00")).isEqualTo(Instant.parse("2026-02-20T04:54:28Z"));
        assertThat(WireTime.parse("yesterday")).isNull();
        assertThat(WireTime.parse(" ")).isNull();
        assertThat(WireTime.format(null)).isNull();
    }
}
