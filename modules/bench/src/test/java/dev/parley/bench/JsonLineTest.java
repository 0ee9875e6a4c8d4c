package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JsonLineTest {
    private final BenchSettings settings = settings("--scenario", "fanout", "--url", "http://127.0.0.1:9700");

    @Test
    void common_fields_come_first_in_a_fixed_order_then_scenario_fields_then_duration_and_verdict() {
        RunReport report = new RunReport(settings)
                .rates(12_345.678, 999.94)
                .latency(new Latencies.Summary(3, 0.12345, 2.5, 7.0))
                .losses(0, 0, 0)
                .put("received", 30L)
                .put("hub", "Parley dev");

        JsonNode line = Frames.parse(report.toJsonLine(1.23456));

        List<String> names = new ArrayList<>();
        line.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("scenario", "hub", "url", "run_id", "parameters", "deliveries_per_s",
                "sends_per_s", "p50_ms", "p99_ms", "max_ms", "lost", "duplicates", "rejected", "received",
                "duration_s", "ok");
        assertThat(line.path("scenario").asText()).isEqualTo("fanout");
        assertThat(line.path("hub").asText()).isEqualTo("Parley dev");
        assertThat(line.path("deliveries_per_s").asDouble()).isEqualTo(12_345.7);
        assertThat(line.path("sends_per_s").asDouble()).isEqualTo(999.9);
        assertThat(line.path("p50_ms").asDouble()).isEqualTo(0.123);
        assertThat(line.path("parameters").path("receivers").asInt()).isEqualTo(10);
        assertThat(line.path("duration_s").asDouble()).isEqualTo(1.235);
        assertThat(line.path("ok").asBoolean()).isTrue();
    }

    @Test
    void figures_a_scenario_does_not_have_are_null() {
        JsonNode line = Frames.parse(new RunReport(settings).toJsonLine(0));

        assertThat(line.get("deliveries_per_s").isNull()).isTrue();
        assertThat(line.get("p99_ms").isNull()).isTrue();
        assertThat(line.get("hub").isNull()).isTrue();
    }

    @Test
    void any_loss_duplicate_refusal_or_failure_makes_the_run_unclean() {
        assertThat(new RunReport(settings).losses(0, 0, 0).clean()).isTrue();
        assertThat(new RunReport(settings).losses(1, 0, 0).clean()).isFalse();
        assertThat(new RunReport(settings).losses(0, 1, 0).clean()).isFalse();
        assertThat(new RunReport(settings).losses(0, 0, 1).clean()).isFalse();
        assertThat(new RunReport(settings).failed(1).clean()).isFalse();
        assertThat(Frames.parse(new RunReport(settings).losses(2, 0, 0).toJsonLine(1)).path("ok").asBoolean())
                .isFalse();
    }

    @Test
    void an_unclean_run_exits_one_unless_losses_are_allowed() {
        RunReport lossy = new RunReport(settings).losses(3, 0, 0);

        assertThat(BenchCommand.exitStatus(lossy, false)).isEqualTo(BenchCommand.EXIT_LOSS);
        assertThat(BenchCommand.exitStatus(lossy, true)).isEqualTo(BenchCommand.EXIT_OK);
        assertThat(BenchCommand.exitStatus(new RunReport(settings).losses(0, 0, 0), false))
                .isEqualTo(BenchCommand.EXIT_OK);
    }

    @Test
    void a_rate_over_an_empty_span_or_of_nothing_is_null() {
        assertThat(RunReport.perSecond(10, 0)).isNull();
        assertThat(RunReport.perSecond(0, 1_000)).isNull();
        assertThat(RunReport.perSecond(10, -5)).isNull();
        assertThat(RunReport.perSecond(500, 250_000_000L)).isEqualTo(2_000.0);
    }

    private static BenchSettings settings(String... args) {
        BenchCommand command = new BenchCommand(java.util.Map.of(), System.out, System.err);
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }
}
