package dev.parley.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.store.Channel;
import dev.parley.store.Participant;
import dev.parley.store.Reaction;
import dev.parley.store.StoredMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hub's bytes did not change when its shapes moved to the protocol's streaming writers: each
 * expected text below is what the former ObjectNode code of {@link WireFormat} wrote for the same row.
 */
class WireFormatBytesTest {
    private static final String AT = "2026-02-20T04:54:28.444985+00:00";

    private static StoredMessage message(String metadata, String to, String editedAt, String deletedAt) {
        return new StoredMessage("m-1", "c-1", "general", 7, "alice", "hi \"there\" é 😀\n\u0001", "text", "normal",
                null, metadata, to, AT, editedAt, deletedAt, "client-1");
    }

    /** A {@code message} frame as the former code wrote it, up to the metadata and after it. */
    private static final String FRAME_START = "{\"type\":\"message\",\"message_id\":\"m-1\",\"channel_id\":\"c-1\",\"channel_name\":\"general\",\"sender\":\"alice\",\"body\":\"hi \\\"there\\\" é 😀\\n\\u0001\",\"message_type\":\"text\",\"priority\":\"normal\",\"reply_to\":null,\"metadata\":";
    private static final String FRAME_END = ",\"created_at\":\"2026-02-20T04:54:28.444985+00:00\",\"seq\":7}";

    @Test
    void message_frames_are_written_as_before_for_every_kind_of_stored_metadata() {
        // stored metadata text -> the metadata the former code wrote for it
        Map<String, String> written = new LinkedHashMap<>();
        written.put(null, "{}");
        written.put("{}", "{}");
        written.put("{\"a\": 1, \"b\": [1.50, \"x\"], \"n\": null, \"big\": 123456789012345678901234567890}", "{\"a\":1,\"b\":[1.5,\"x\"],\"n\":null,\"big\":123456789012345678901234567890}");
        written.put("{\"a\":1,\"a\":2}", "{\"a\":2}");
        written.put("not json", "\"not json\"");
        written.put("{} trailing", "\"{} trailing\"");
        written.put("\"text\"", "\"text\"");
        written.put("5", "5");
        written.put("", "null");
        written.put(" ", "null");
        written.put("[1,2]", "[1,2]");
        written.put("{\"deep\":{\"é\":\"😀\"}}", "{\"deep\":{\"é\":\"😀\"}}");
        written.forEach((stored, metadata) -> assertThat(WireFormat.messageFrame("message", message(stored, null, null, null)))
                .as("metadata %s", stored).isEqualTo(FRAME_START + metadata + FRAME_END));
    }

    @Test
    void a_message_with_every_optional_field_is_written_as_before_as_a_row_and_as_an_edit_frame() {
        StoredMessage full = full();
        assertThat(WireFormat.text(WireFormat.message(full))).isEqualTo("{\"message_id\":\"m-1\",\"channel_id\":\"c-1\",\"channel_name\":\"general\",\"sender\":\"alice\",\"body\":\"hi \\\"there\\\" é 😀\\n\\u0001\",\"message_type\":\"text\",\"priority\":\"normal\",\"reply_to\":null,\"metadata\":{\"k\":\"v\"},\"created_at\":\"2026-02-20T04:54:28.444985+00:00\",\"seq\":7,\"to\":\"bob\",\"edited_at\":\"2026-02-21T00:00:00.000001+00:00\",\"deleted\":true}");
        assertThat(WireFormat.messageFrame("message_edited", full)).isEqualTo("{\"type\":\"message_edited\",\"message_id\":\"m-1\",\"channel_id\":\"c-1\",\"channel_name\":\"general\",\"sender\":\"alice\",\"body\":\"hi \\\"there\\\" é 😀\\n\\u0001\",\"message_type\":\"text\",\"priority\":\"normal\",\"reply_to\":null,\"metadata\":{\"k\":\"v\"},\"created_at\":\"2026-02-20T04:54:28.444985+00:00\",\"seq\":7,\"to\":\"bob\",\"edited_at\":\"2026-02-21T00:00:00.000001+00:00\",\"deleted\":true}");
    }

    @Test
    void a_rest_row_adds_the_reference_columns_edited_at_and_metadata_json() {
        Map<String, String> column = new LinkedHashMap<>();
        column.put(null, null);
        column.put("{}", null);
        column.put("{\"k\": \"v\"}", "{\"k\":\"v\"}");
        column.put("not json", "not json");
        column.forEach((stored, expected) -> {
            com.fasterxml.jackson.databind.JsonNode row = parse(WireFormat.text(WireFormat.row(message(stored, null, null, null))));
            assertThat(row.has("edited_at")).isTrue();
            assertThat(row.get("edited_at").isNull()).isTrue();
            assertThat(row.get("metadata_json").isNull() ? null : row.get("metadata_json").asText())
                    .as("metadata_json of %s", stored).isEqualTo(expected);
        });
        assertThat(parse(WireFormat.text(WireFormat.row(full()))).get("edited_at").asText())
                .isEqualTo("2026-02-21T00:00:00.000001+00:00");
    }

    @Test
    void channels_are_written_as_before_with_flags_as_numbers_and_last_activity_never_null() {
        assertThat(WireFormat.text(WireFormat.channel(new Channel("c-1", "general", "public", null, "Topic é", true, AT,
                null, 42)))).isEqualTo("{\"channel_id\":\"c-1\",\"name\":\"general\",\"channel_type\":\"public\",\"created_by\":null,\"topic\":\"Topic é\",\"is_private\":1,\"created_at\":\"2026-02-20T04:54:28.444985+00:00\",\"last_activity\":\"2026-02-20T04:54:28.444985+00:00\",\"last_seq\":42}");
        assertThat(WireFormat.text(WireFormat.channel(new Channel("c-2", "dev", "private", "alice", null, false, AT,
                "2026-03-01T00:00:00.000000+00:00", 0)))).isEqualTo("{\"channel_id\":\"c-2\",\"name\":\"dev\",\"channel_type\":\"private\",\"created_by\":\"alice\",\"topic\":null,\"is_private\":0,\"created_at\":\"2026-02-20T04:54:28.444985+00:00\",\"last_activity\":\"2026-03-01T00:00:00.000000+00:00\",\"last_seq\":0}");
    }

    @Test
    void participants_are_written_as_before_online_or_not() {
        Participant bob = new Participant("bob", "Bob ✓", "human", null, AT, null, "127.0.0.1");
        assertThat(WireFormat.text(WireFormat.participant(bob, true))).isEqualTo("{\"name\":\"bob\",\"display_name\":\"Bob ✓\",\"participant_type\":\"human\",\"hardware_id\":null,\"is_online\":1,\"last_seen_at\":null,\"host_ip\":\"127.0.0.1\",\"created_at\":\"2026-02-20T04:54:28.444985+00:00\",\"metadata_json\":null}");
        assertThat(WireFormat.text(WireFormat.participant(bob, false))).isEqualTo("{\"name\":\"bob\",\"display_name\":\"Bob ✓\",\"participant_type\":\"human\",\"hardware_id\":null,\"is_online\":0,\"last_seen_at\":null,\"host_ip\":\"127.0.0.1\",\"created_at\":\"2026-02-20T04:54:28.444985+00:00\",\"metadata_json\":null}");
    }

    @Test
    void pages_and_reaction_lists_built_as_trees_embed_the_written_shapes_unchanged() {
        ObjectNode queued = WireFormat.frame("queued");
        queued.set("messages", WireFormat.messages(List.of(message(null, null, null, null), full())));
        assertThat(WireFormat.text(queued)).isEqualTo("{\"type\":\"queued\",\"messages\":[{\"message_id\":\"m-1\",\"channel_id\":\"c-1\",\"channel_name\":\"general\",\"sender\":\"alice\",\"body\":\"hi \\\"there\\\" é 😀\\n\\u0001\",\"message_type\":\"text\",\"priority\":\"normal\",\"reply_to\":null,\"metadata\":{},\"created_at\":\"2026-02-20T04:54:28.444985+00:00\",\"seq\":7},{\"message_id\":\"m-1\",\"channel_id\":\"c-1\",\"channel_name\":\"general\",\"sender\":\"alice\",\"body\":\"hi \\\"there\\\" é 😀\\n\\u0001\",\"message_type\":\"text\",\"priority\":\"normal\",\"reply_to\":null,\"metadata\":{\"k\":\"v\"},\"created_at\":\"2026-02-20T04:54:28.444985+00:00\",\"seq\":7,\"to\":\"bob\",\"edited_at\":\"2026-02-21T00:00:00.000001+00:00\",\"deleted\":true}]}");
        ObjectNode answer = WireFormat.object();
        answer.set("reactions", WireFormat.reactions(List.of(new Reaction("m-1", "bob", "👍", AT))));
        assertThat(WireFormat.text(answer)).isEqualTo("{\"reactions\":[{\"message_id\":\"m-1\",\"participant\":\"bob\",\"emoji\":\"👍\",\"created_at\":\"2026-02-20T04:54:28.444985+00:00\"}]}");
    }

    private static StoredMessage full() {
        return message("{\"k\":\"v\"}", "bob", "2026-02-21T00:00:00.000001+00:00", "2026-02-22T00:00:00.000000+00:00");
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return dev.parley.protocol.Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
