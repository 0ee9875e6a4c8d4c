package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.Hub;
import dev.parley.server.HubConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.parley.testing.ReferenceHub;
import picocli.CommandLine;

/** Small runs of every scenario against a real hub on a free port. */
class BenchAgainstHubTest {
    @TempDir
    static Path dir;

    private static Hub hub;

    @BeforeAll
    static void startHub() throws Exception {
        hub = Hub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void fanout_delivers_every_message_to_every_receiver_exactly_once() {
        Run run = bench("--scenario", "fanout", "--receivers", "3", "--senders", "2", "--messages", "200");

        assertClean(run);
        assertThat(run.line.path("hub").asText()).startsWith("Parley");
        assertThat(run.line.path("run_id").asText()).hasSize(8);
        assertThat(run.line.path("parameters").path("receivers").asInt()).isEqualTo(3);
        assertThat(run.line.path("sent").asLong()).isEqualTo(400);
        assertThat(run.line.path("expected").asLong()).isEqualTo(1_200);
        assertThat(run.line.path("received").asLong()).isEqualTo(1_200);
        assertThat(run.line.path("dropped_connections").asLong()).isZero();
        assertThat(run.line.path("deliveries_per_s").asDouble()).isPositive();
        assertThat(run.line.path("sends_per_s").asDouble()).isPositive();
        assertOrderedLatencies(run.line);
    }

    @Test
    void latency_run_paces_one_sender_and_reports_percentiles_of_every_delivery() {
        Run run = bench("--scenario", "latency", "--receivers", "2", "--messages", "100", "--rate", "200");

        assertClean(run);
        assertThat(run.line.path("received").asLong()).isEqualTo(200);
        assertThat(run.line.path("parameters").path("rate_per_sender").asDouble()).isEqualTo(200);
        // 100 messages at 200/s take about half a second to send; far faster means no pacing.
        assertThat(run.line.path("sends_per_s").asDouble()).isLessThan(400);
        assertOrderedLatencies(run.line);
    }

    @Test
    void rest_sends_reach_every_socket_receiver() {
        Run run = bench("--scenario", "rest", "--receivers", "2", "--senders", "2", "--messages", "100",
                "--concurrency", "4");

        assertClean(run);
        assertThat(run.line.path("sent").asLong()).isEqualTo(200);
        assertThat(run.line.path("received").asLong()).isEqualTo(400);
        assertThat(run.line.path("post_p50_ms").asDouble()).isPositive();
        assertOrderedLatencies(run.line);
    }

    @Test
    void idle_sockets_all_connect_and_still_answer_ping_after_the_hold() {
        Run run = bench("--scenario", "idle", "--connections", "50", "--hold-seconds", "1", "--concurrency", "10");

        assertThat(run.status).as("%s", run.line).isEqualTo(BenchCommand.EXIT_OK);
        assertThat(run.line.path("connected").asInt()).isEqualTo(50);
        assertThat(run.line.path("answered_ping").asInt()).isEqualTo(50);
        assertThat(run.line.path("failed").asInt()).isZero();
        assertThat(run.line.path("dropped_while_held").asInt()).isZero();
        assertThat(run.line.path("connect_s").asDouble()).isPositive();
        assertThat(run.line.has("online")).isTrue();
        assertOrderedLatencies(run.line);
    }

    @Test
    void large_channel_compares_send_rates_with_and_without_offline_members() {
        Run run = bench("--scenario", "large-channel", "--offline-members", "100", "--messages", "100");

        assertClean(run);
        assertThat(run.line.path("large_members").asInt()).isEqualTo(102);
        assertThat(run.line.path("small_sends_per_s").asDouble()).isPositive();
        assertThat(run.line.path("large_sends_per_s").asDouble()).isPositive();
        assertThat(run.line.path("send_cost_ratio").asDouble()).isPositive();
    }

    @Test
    void reconnect_storms_lose_and_duplicate_nothing() {
        Run run = bench("--scenario", "reconnect-storm", "--receivers", "4", "--messages", "400", "--rate", "400",
                "--storms", "2");

        assertClean(run);
        assertThat(run.line.path("storms_done").asInt()).isEqualTo(2);
        assertThat(run.line.path("reconnect_ms")).hasSize(2);
        assertThat(run.line.path("received").asLong()).isEqualTo(1_600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://127.0.0.1:%d/ws", "127.0.0.1:%d", "http://127.0.0.1:%d"})
    void every_address_form_given_with_url_reaches_the_hub_on_socket_and_rest(String form) {
        Run run = run(Map.of(), "--url", form.formatted(hub.port()), "--scenario", "rest", "--receivers", "1",
                "--senders", "1", "--messages", "20", "--concurrency", "2");

        assertClean(run);
        assertThat(run.line.path("url").asText()).isEqualTo("http://127.0.0.1:" + hub.port());
        assertThat(run.line.path("hub").asText()).startsWith("Parley");
        assertThat(run.line.path("received").asLong()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://127.0.0.1:%d/ws", "127.0.0.1:%d", "http://127.0.0.1:%d"})
    void every_address_form_in_parley_server_url_reaches_the_hub(String form) {
        Run run = run(Map.of("PARLEY_SERVER_URL", form.formatted(hub.port())), "--scenario", "fanout",
                "--receivers", "1", "--senders", "1", "--messages", "20");

        assertClean(run);
        assertThat(run.line.path("url").asText()).isEqualTo("http://127.0.0.1:" + hub.port());
        assertThat(run.line.path("received").asLong()).isEqualTo(20);
    }

    /** Nothing lost, duplicated or refused, and the command said so with its exit status. */
    private static void assertClean(Run run) {
        assertThat(run.line.path("lost").asLong()).as("lost, in %s", run.line).isZero();
        assertThat(run.line.path("duplicates").asLong()).as("duplicates, in %s", run.line).isZero();
        assertThat(run.line.path("rejected").asLong()).as("rejected, in %s", run.line).isZero();
        assertThat(run.line.path("ok").asBoolean()).as("ok, in %s", run.line).isTrue();
        assertThat(run.status).isEqualTo(BenchCommand.EXIT_OK);
    }

    private static void assertOrderedLatencies(JsonNode line) {
        double p50 = line.path("p50_ms").asDouble();
        double p99 = line.path("p99_ms").asDouble();
        double max = line.path("max_ms").asDouble();
        assertThat(p50).isPositive();
        assertThat(p99).isGreaterThanOrEqualTo(p50);
        assertThat(max).isGreaterThanOrEqualTo(p99);
    }

    @Test
    void compare_runs_the_scenario_against_the_reference_hub_too_and_prints_the_ratios() throws Exception {
        try (ReferenceHub reference = ReferenceHub.start(dir.resolve("reference"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String referenceUrl = "http://127.0.0.1:" + reference.port();
            int status = new CommandLine(new BenchCommand(Map.of(), new PrintStream(out, true),
                    new PrintStream(err, true))).execute("--quiet", "--drain-seconds", "20", "--url",
                    "http://127.0.0.1:" + hub.port(), "--scenario", "fanout", "--receivers", "2", "--senders", "1",
                    "--messages", "20", "--compare", referenceUrl);
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            assertThat(lines).as("stderr: %s", err.toString(StandardCharsets.UTF_8)).hasSize(3);
            assertThat(status).isZero();
            JsonNode parley = Frames.parse(lines[0]);
            JsonNode tentyl = Frames.parse(lines[1]);
            JsonNode compare = Frames.parse(lines[2]).path("compare");
            assertThat(parley.path("hub").asText()).startsWith("Parley");
            assertThat(tentyl.path("hub").asText()).startsWith("Tentyl");
            assertThat(tentyl.path("received").asLong()).isEqualTo(40);
            assertThat(compare.path("second").asText()).startsWith(referenceUrl);
            assertThat(compare.path("deliveries_per_s").asDouble()).isEqualTo(Comparison.ratio(
                    parley.path("deliveries_per_s").asDouble(), tentyl.path("deliveries_per_s").asDouble()));
        }
    }

    @Test
    void deflate_offering_clients_are_declined_by_default_accepted_with_ws_compression_and_by_the_reference()
            throws Exception {
        String[] fanout = {"--deflate", "--scenario", "fanout", "--receivers", "2", "--senders", "1", "--messages",
                "50"};
        Run declined = bench(fanout);
        assertClean(declined);
        assertThat(declined.line.path("parameters").path("deflate_offered").asBoolean()).isTrue();
        assertThat(declined.line.path("deflate_accepted").asInt()).isZero();

        try (Hub compressing = Hub.start(new HubConfig(dir.resolve("compressing.db"), "127.0.0.1", 0)
                .withWsCompression(true));
             ReferenceHub reference = ReferenceHub.start(dir.resolve("reference-deflate"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<String> args = new ArrayList<>(List.of("--quiet", "--url", "http://127.0.0.1:" + compressing.port(),
                    "--compare", "http://127.0.0.1:" + reference.port()));
            args.addAll(List.of(fanout));
            int status = new CommandLine(new BenchCommand(Map.of(), new PrintStream(out, true),
                    new PrintStream(new ByteArrayOutputStream(), true))).execute(args.toArray(String[]::new));
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            assertThat(status).isZero();
            for (String line : List.of(lines[0], lines[1])) { // Parley with --ws-compression, then the reference
                JsonNode run = Frames.parse(line);
                assertThat(run.path("received").asLong()).as(line).isEqualTo(100);
                assertThat(run.path("deflate_accepted").asInt()).as(line).isEqualTo(3);
            }
        }
    }

    @Test
    void a_ratio_needs_both_figures_and_a_second_that_is_not_zero() {
        assertThat(Comparison.ratio(3.0, 2.0)).isEqualTo(1.5);
        assertThat(Comparison.ratio(3.0, 0.0)).isNull();
        assertThat(Comparison.ratio(null, 2.0)).isNull();
    }

    private record Run(int status, JsonNode line) {}

    /** Runs the command against the test hub; stdout must hold exactly one JSON line. */
    private static Run bench(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + hub.port()));
        all.addAll(List.of(args));
        return run(Map.of(), all.toArray(String[]::new));
    }

    /** Runs the command with this environment; stdout must hold exactly one JSON line. */
    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--drain-seconds", "20", "--quiet"));
        all.addAll(List.of(args));
        int status = new CommandLine(new BenchCommand(env, new PrintStream(out, true), new PrintStream(err, true)))
                .execute(all.toArray(String[]::new));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).as("stdout, with stderr: %s", err.toString(StandardCharsets.UTF_8)).hasSize(1);
        return new Run(status, Frames.parse(lines[0]));
    }
}
