package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    @Test
    void timestamps_are_utc_with_microseconds_and_an_explicit_offset() {
        assertThat(Timestamps.format(Instant.parse("2026-02-20T04:54:28.444985123Z")))
                .isEqualTo("2026-02-20T04:54:28.444985+00:00");
        assertThat(Timestamps.format(Instant.parse("2026-02-20T04:54:28Z"))).isEqualTo("2026-02-20T04:54:28.000000+00:00");
        assertThat(Timestamps.now()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
    }

    @Test
    void client_timestamps_are_read_with_an_offset_a_z_or_as_utc_without_one() {
        Instant expected = Instant.parse("2026-02-20T04:54:28.444985Z");
        assertThat(Timestamps.parse("2026-02-20T04:54:28.444985+00:00")).isEqualTo(expected);
        assertThat(Timestamps.parse("2026-02-20T05:54:28.444985+01:00")).isEqualTo(expected);
        assertThat(Timestamps.parse("2026-02-20T04:54:28.444985Z")).isEqualTo(expected);
        assertThat(Timestamps.parse(" 2026-02-20T04:54:28.444985 ")).isEqualTo(expected);
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Timestamps.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_clock_never_repeats_or_goes_back_even_behind_a_stored_future_time() {
        MonotonicClock clock = new MonotonicClock();
        clock.advancePast("2999-01-01T00:00:00.000000+00:00");

        String first = clock.next();
        String second = clock.next();

        assertThat(first).isEqualTo("2999-01-01T00:00:00.000001+00:00");
        assertThat(second).isEqualTo("2999-01-01T00:00:00.000002+00:00");
    }

    @Test
    void unknown_words_become_the_protocol_defaults() {
        assertThat(Vocabulary.participantType("human")).isEqualTo("human");
        assertThat(Vocabulary.participantType("robot")).isEqualTo("ai");
        assertThat(Vocabulary.participantType(null)).isEqualTo("ai");
        assertThat(Vocabulary.messageType("file_ref")).isEqualTo("file_ref");
        assertThat(Vocabulary.messageType("TEXT")).isEqualTo("text");
        assertThat(Vocabulary.priority("urgent")).isEqualTo("urgent");
        assertThat(Vocabulary.priority("asap")).isEqualTo("normal");
        assertThat(Vocabulary.historyLimit(null)).isEqualTo(50);
        assertThat(Vocabulary.historyLimit(-1)).isEqualTo(50);
        assertThat(Vocabulary.historyLimit(201)).isEqualTo(200);
    }

    @Test
    void ids_are_a_prefix_and_twelve_lower_case_hex_digits() {
        assertThat(Ids.messageId()).matches("ty-[0-9a-f]{12}");
        assertThat(Ids.channelId()).matches("ch-[0-9a-f]{12}");
        assertThat(Ids.messageId()).isNotEqualTo(Ids.messageId());
    }
}
