package dev.parley.packer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildTimestampTest {

    @Test
    void reads_the_output_timestamp_in_either_form_maven_accepts() {
        assertThat(BuildTimestamp.resolve("2026-01-01T01:00:00+01:00", Map.of()).iso())
                .isEqualTo("2026-01-01T00:00:00Z");
        assertThat(BuildTimestamp.resolve("1767225600", Map.of()).instant())
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(BuildTimestamp.resolve("2026-01-01T00:00:00.900Z", Map.of()).epochSecond()).isEqualTo(1767225600L);
    }

    @Test
    void the_output_timestamp_wins_over_source_date_epoch_which_is_the_fallback() {
        Map<String, String> environment = Map.of(BuildTimestamp.SOURCE_DATE_EPOCH, "981173106");

        BuildTimestamp given = BuildTimestamp.resolve("2026-01-01T00:00:00Z", environment);
        BuildTimestamp fallback = BuildTimestamp.resolve(" ", environment);

        assertThat(given.origin()).isEqualTo("project.build.outputTimestamp");
        assertThat(fallback.iso()).isEqualTo("2001-02-03T04:05:06Z");
        assertThat(fallback.origin()).isEqualTo("SOURCE_DATE_EPOCH");
    }

    @Test
    void refuses_to_fall_back_to_the_clock_or_to_guess_at_a_value() {
        assertThatThrownBy(() -> BuildTimestamp.resolve(null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOURCE_DATE_EPOCH");
        assertThatThrownBy(() -> BuildTimestamp.resolve("${project.build.outputTimestamp}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a build timestamp");
    }
}
