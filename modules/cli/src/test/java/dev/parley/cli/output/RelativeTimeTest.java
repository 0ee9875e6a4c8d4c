package dev.parley.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.wire.WireTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {
    private static final Instant NOW = Instant.parse("2026-02-20T12:00:00Z");

    @Test
    void recent_times_read_as_ages_and_old_ones_as_dates() {
        assertThat(RelativeTime.ago("2026-02-20T11:59:55.123456+00:00", NOW)).isEqualTo("just now");
        assertThat(RelativeTime.ago("2026-02-20T11:59:15+00:00", NOW)).isEqualTo("45s ago");
        assertThat(RelativeTime.ago("2026-02-20T11:58:00+00:00", NOW)).isEqualTo("2m ago");
        assertThat(RelativeTime.ago("2026-02-20T09:00:00+00:00", NOW)).isEqualTo("3h ago");
        assertThat(RelativeTime.ago("2026-02-15T12:00:00+00:00", NOW)).isEqualTo("5d ago");
        assertThat(RelativeTime.ago("2025-12-01T12:00:00+00:00", NOW)).matches("2025-12-0[12]");
        assertThat(RelativeTime.ago("2026-02-20T12:05:00+00:00", NOW)).isEqualTo("in 5m");
    }

    @Test
    void text_that_is_not_a_timestamp_is_shown_as_it_is() {
        assertThat(RelativeTime.ago("yesterday", NOW)).isEqualTo("yesterday");
        assertThat(RelativeTime.ago(null, NOW)).isEmpty();
        assertThat(WireTime.parse("2026-02-20T04:54:28.444985+00:00"))
                .isEqualTo(Instant.parse("2026-02-20T04:54:28.444985Z"));
    }
}
