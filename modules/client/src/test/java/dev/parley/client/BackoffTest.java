package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Duration initial = Duration.ofMillis(100);
    private final Duration max = Duration.ofSeconds(2);

    @Test
    void the_step_doubles_per_attempt_up_to_the_cap() {
        Backoff noJitter = new Backoff(initial, max, bound -> bound - 1);

        assertThat(noJitter.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(noJitter.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(noJitter.delay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(noJitter.delay(6)).isEqualTo(max);
        assertThat(noJitter.delay(1_000)).isEqualTo(max);
    }

    @Test
    void jitter_keeps_each_delay_between_half_its_step_and_the_step() {
        Backoff lowest = new Backoff(initial, max, bound -> 0);
        Backoff random = new Backoff(initial, max, bound -> ThreadLocalRandom.current().nextLong(bound));

        assertThat(lowest.delay(3)).isEqualTo(Duration.ofMillis(200));
        for (int attempt = 1; attempt < 20; attempt++) {
            long step = Math.min(100L << Math.min(attempt - 1, 20), 2_000);
            assertThat(random.delay(attempt)).isBetween(Duration.ofMillis(step / 2), Duration.ofMillis(step));
        }
    }
}
