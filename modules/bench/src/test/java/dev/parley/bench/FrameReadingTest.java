package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class FrameReadingTest {
    @Test
    void type_is_read_off_the_front_of_compact_and_python_style_frames() {
        assertThat(Frames.leadingType("{\"type\":\"presence\",\"participant\":\"a\"}")).isEqualTo("presence");
        assertThat(Frames.leadingType("{\"type\": \"message\", \"body\": \"hi\"}")).isEqualTo("message");
        assertThat(Frames.leadingType("  {\n  \"type\" :\t\"pong\" }")).isEqualTo("pong");
    }

    @Test
    void type_not_in_first_place_is_found_by_parsing_the_frame() {
        String frame = "{\"metadata\":{\"type\":\"decoy\"},\"type\":\"message\"}";

        assertThat(Frames.leadingType(frame)).isNull();
        assertThat(Frames.typeOf(frame)).isEqualTo("message");
    }

    @Test
    void escaped_type_values_are_decoded_by_the_parser_not_the_sniffer() {
        String frame = "{\"type\":\"odd\\\"type\"}";

        assertThat(Frames.leadingType(frame)).isNull();
        assertThat(Frames.typeOf(frame)).isEqualTo("odd\"type");
    }

    @Test
    void text_that_is_not_a_typed_json_object_has_no_type() {
        assertThat(Frames.typeOf("not json")).isNull();
        assertThat(Frames.typeOf("[1,2]")).isNull();
        assertThat(Frames.typeOf("{\"type\":5}")).isNull();
        assertThat(Frames.typeOf("{\"type\":\"unterminated")).isNull();
    }

    @Test
    void send_frame_names_the_channel_and_stamps_run_sequence_and_send_time() {
        long before = System.nanoTime();
        JsonNode frame = Frames.parse(Frames.send("bench-x", "run1", 2, 7));

        assertThat(frame.path("type").asText()).isEqualTo("send");
        assertThat(frame.path("channel").asText()).isEqualTo("bench-x");
        assertThat(frame.path("body").asText()).isEqualTo("bench run1 s2 #7");
        assertThat(frame.path("metadata").path("bench_seq").asLong()).isEqualTo(7);
        assertThat(frame.path("metadata").path("bench_sender").asInt()).isEqualTo(2);
        assertThat(Frames.sentNanos(frame, "run1")).isBetween(before, System.nanoTime());
    }

    @Test
    void send_time_is_read_from_metadata_given_as_an_object_or_as_json_text() {
        JsonNode asObject = Frames.parse("{\"metadata\":{\"bench_run\":\"r\",\"bench_sent_ns\":123}}");
        JsonNode asText = Frames.parse("{\"metadata\":\"{\\\"bench_run\\\":\\\"r\\\",\\\"bench_sent_ns\\\":456}\"}");

        assertThat(Frames.sentNanos(asObject, "r")).isEqualTo(123);
        assertThat(Frames.sentNanos(asText, "r")).isEqualTo(456);
    }

    @Test
    void messages_of_another_run_or_without_a_stamp_have_no_send_time() {
        assertThat(Frames.sentNanos(Frames.parse("{\"metadata\":{\"bench_run\":\"other\",\"bench_sent_ns\":1}}"), "r"))
                .isEqualTo(-1);
        assertThat(Frames.sentNanos(Frames.parse("{\"metadata\":{}}"), "r")).isEqualTo(-1);
        assertThat(Frames.sentNanos(Frames.parse("{\"body\":\"no metadata\"}"), "r")).isEqualTo(-1);
        assertThat(Frames.sentNanos(Frames.parse("{\"metadata\":\"not json\"}"), "r")).isEqualTo(-1);
    }

    @Test
    void auth_frame_carries_the_token_only_when_there_is_one() {
        JsonNode withToken = Frames.parse(Frames.auth("bench-a", "s3cret"));
        JsonNode without = Frames.parse(Frames.auth("bench-a", null));

        assertThat(withToken.path("type").asText()).isEqualTo("auth");
        assertThat(withToken.path("name").asText()).isEqualTo("bench-a");
        assertThat(withToken.path("participant_type").asText()).isEqualTo("service");
        assertThat(withToken.path("token").asText()).isEqualTo("s3cret");
        assertThat(without.has("token")).isFalse();
    }

    @Test
    void metrics_text_yields_its_samples_without_comments_labels_kept_in_the_name() {
        String text = """
                # HELP parley_sessions live sessions
                # TYPE parley_sessions gauge
                parley_sessions 42
                jvm_memory_bytes{area="heap"} 1.5E8
                stamped_total 7 1700000000000
                broken_line
                odd_value abc
                """;

        assertThat(MetricsText.samples(text, 100)).containsExactly(
                java.util.Map.entry("parley_sessions", 42.0),
                java.util.Map.entry("jvm_memory_bytes{area=\"heap\"}", 1.5E8),
                java.util.Map.entry("stamped_total", 7.0));
        assertThat(MetricsText.samples(text, 1)).containsOnlyKeys("parley_sessions");
    }
}
