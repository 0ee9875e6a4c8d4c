package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyPercentilesTest {
    @Test
    void nearest_rank_percentile_is_the_smallest_sample_with_that_share_at_or_below_it() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        assertThat(Latencies.percentile(sorted, 50)).isEqualTo(5);
        assertThat(Latencies.percentile(sorted, 90)).isEqualTo(9);
        assertThat(Latencies.percentile(sorted, 99)).isEqualTo(10);
        assertThat(Latencies.percentile(sorted, 100)).isEqualTo(10);
        assertThat(Latencies.percentile(sorted, 0)).isEqualTo(1);
    }

    @Test
    void a_single_sample_is_every_percentile() {
        assertThat(Latencies.percentile(new long[] {42}, 50)).isEqualTo(42);
        assertThat(Latencies.percentile(new long[] {42}, 99)).isEqualTo(42);
    }

    @Test
    void p99_of_a_hundred_samples_ignores_only_the_worst_one() {
        Latencies latencies = new Latencies();
        for (int i = 1; i <= 99; i++) {
            latencies.record(1_000);
        }
        latencies.record(250_000);

        Latencies.Summary summary = latencies.summary();

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50Ms()).isEqualTo(1.0);
        assertThat(summary.p99Ms()).isEqualTo(1.0);
        assertThat(summary.maxMs()).isEqualTo(250.0);
    }

    @Test
    void summary_sorts_samples_recorded_out_of_order_and_grows_past_its_first_array() {
        Latencies latencies = new Latencies();
        for (int i = 5_000; i >= 1; i--) {
            latencies.record(i);
        }

        Latencies.Summary summary = latencies.summary();

        assertThat(summary.count()).isEqualTo(5_000);
        assertThat(summary.p50Ms()).isEqualTo(2.5);
        assertThat(summary.p99Ms()).isEqualTo(4.95);
        assertThat(summary.maxMs()).isEqualTo(5.0);
    }

    @Test
    void merged_samples_count_from_both_sources() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        a.record(1_000);
        b.record(3_000);
        b.record(2_000);

        a.addAll(b);

        assertThat(a.count()).isEqualTo(3);
        assertThat(a.summary().p50Ms()).isEqualTo(2.0);
    }

    @Test
    void no_samples_summarise_as_zeros_and_have_no_percentile() {
        assertThat(new Latencies().summary()).isEqualTo(Latencies.Summary.EMPTY);
        assertThatThrownBy(() -> Latencies.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
    }
}
