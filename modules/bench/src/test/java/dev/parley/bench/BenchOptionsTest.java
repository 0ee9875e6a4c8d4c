package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.HubAddress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchOptionsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void fanout_is_the_default_scenario_with_ten_receivers_two_senders_and_five_thousand_messages_each() {
        BenchSettings settings = parse(Map.of());

        assertThat(settings.scenario()).isEqualTo(ScenarioName.FANOUT);
        assertThat(settings.hub().ws()).isEqualTo(URI.create("ws://127.0.0.1:9700/ws"));
        assertThat(settings.receivers()).isEqualTo(10);
        assertThat(settings.senders()).isEqualTo(2);
        assertThat(settings.messages()).isEqualTo(5_000);
        assertThat(settings.rate()).isZero();
        assertThat(settings.drain()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.token()).isNull();
        assertThat(settings.allowLoss()).isFalse();
    }

    @Test
    void each_scenario_brings_its_own_defaults() {
        BenchSettings latency = parse(Map.of(), "--scenario", "latency");
        BenchSettings idle = parse(Map.of(), "--scenario", "idle");
        BenchSettings large = parse(Map.of(), "--scenario", "large-channel");
        BenchSettings storm = parse(Map.of(), "--scenario", "reconnect-storm");

        assertThat(latency.rate()).isEqualTo(200);
        assertThat(latency.senders()).isEqualTo(1);
        assertThat(latency.receivers()).isEqualTo(3);
        assertThat(idle.connections()).isEqualTo(1_000);
        assertThat(idle.concurrency()).isEqualTo(200);
        assertThat(large.offlineMembers()).isEqualTo(2_000);
        assertThat(large.messages()).isEqualTo(1_000);
        assertThat(storm.storms()).isEqualTo(3);
        assertThat(storm.rate()).isEqualTo(500);
    }

    @Test
    void url_and_token_come_from_the_environment_unless_given() {
        Map<String, String> env = Map.of("PARLEY_SERVER_URL", "http://hub.lan:9800", "PARLEY_TOKEN", "from-env");

        BenchSettings fromEnv = parse(env);
        BenchSettings given = parse(env, "--url", "https://other:1", "--token", "given");

        assertThat(fromEnv.hub().ws()).isEqualTo(URI.create("ws://hub.lan:9800/ws"));
        assertThat(fromEnv.token()).isEqualTo("from-env");
        assertThat(given.hub().ws()).isEqualTo(URI.create("wss://other:1/ws"));
        assertThat(given.token()).isEqualTo("given");
    }

    @Test
    void explicit_options_override_scenario_defaults() {
        BenchSettings settings = parse(Map.of(), "--scenario", "latency", "--rate", "50", "--receivers", "7",
                "--messages", "100", "--drain-seconds", "2", "--allow-loss");

        assertThat(settings.rate()).isEqualTo(50);
        assertThat(settings.receivers()).isEqualTo(7);
        assertThat(settings.messages()).isEqualTo(100);
        assertThat(settings.drain()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.allowLoss()).isTrue();
        assertThat(settings.parameters()).containsEntry("receivers", 7).containsEntry("rate_per_sender", 50.0)
                .containsEntry("messages_per_sender", 100L).containsEntry("drain_seconds", 2L);
    }

    @Test
    void unknown_scenarios_and_impossible_numbers_are_usage_errors() {
        assertThat(execute("--scenario", "nope")).isEqualTo(BenchCommand.EXIT_USAGE);
        assertThat(err()).contains("unknown scenario 'nope'");
        assertThat(execute("--rate", "-1")).isEqualTo(BenchCommand.EXIT_USAGE);
        assertThat(execute("--receivers", "0")).isEqualTo(BenchCommand.EXIT_USAGE);
        assertThat(execute("--url", "ftp://nowhere")).isEqualTo(BenchCommand.EXIT_USAGE);
        assertThat(err()).contains(HubAddress.ACCEPTED_FORMS);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void every_hub_address_form_names_the_same_rest_base_and_socket_beside_it() {
        for (String form : new String[] {"http://10.0.0.5:9700", "ws://10.0.0.5:9700/ws", "ws://10.0.0.5:9700",
                "10.0.0.5:9700", "10.0.0.5", "http://10.0.0.5:9700/", " HTTP://10.0.0.5:9700 "}) {
            BenchSettings settings = parse(Map.of(), "--url", form);

            assertThat(settings.hub().http()).as(form).isEqualTo(URI.create("http://10.0.0.5:9700"));
            assertThat(settings.hub().ws()).as(form).isEqualTo(URI.create("ws://10.0.0.5:9700/ws"));
            assertThat(settings.hub().resolve("/api/send")).as(form)
                    .isEqualTo(URI.create("http://10.0.0.5:9700/api/send"));
        }
        assertThat(parse(Map.of(), "--url", "wss://hub.lan").hub()).isEqualTo(parse(Map.of(), "--url", "https://hub.lan")
                .hub());
        assertThat(parse(Map.of("PARLEY_SERVER_URL", "ws://hub.lan:9800/ws")).hub().http())
                .isEqualTo(URI.create("http://hub.lan:9800"));
    }

    @Test
    void addresses_the_one_parser_refuses_are_usage_errors_that_name_the_accepted_forms() {
        assertThat(execute("--url", "ftp://hub")).isEqualTo(BenchCommand.EXIT_USAGE);
        assertThat(err()).contains("unsupported scheme");
        assertThat(execute("--url", "http://")).isEqualTo(BenchCommand.EXIT_USAGE);
        // A path prefix is not part of a hub address any more (the bench's own parser took one).
        assertThat(execute("--url", "https://hub.lan/parley/")).isEqualTo(BenchCommand.EXIT_USAGE);
        assertThat(err()).contains("no path other than /ws");
    }

    @Test
    void an_unreachable_hub_prints_an_error_line_and_exits_three() {
        int status = execute("--url", "http://127.0.0.1:1", "--timeout-seconds", "2", "--quiet");

        assertThat(status).isEqualTo(BenchCommand.EXIT_RUN_FAILED);
        assertThat(Frames.parse(out.toString(StandardCharsets.UTF_8)).path("error").asText()).isNotEmpty();
    }

    private BenchSettings parse(Map<String, String> env, String... args) {
        BenchCommand command = new BenchCommand(env, new PrintStream(out), new PrintStream(err));
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    private int execute(String... args) {
        return new CommandLine(new BenchCommand(Map.of(), new PrintStream(out), new PrintStream(err)))
                .setErr(new java.io.PrintWriter(err, true))
                .execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
