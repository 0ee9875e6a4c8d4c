package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ChildProcess;
import dev.parley.testing.InProcessHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve runs the hub in the CLI's process; bench runs the load tool against the configured hub. */
class ServeAndBenchCommandsTest {
    private static final Pattern SERVING = Pattern.compile("serving .* on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void serve_runs_a_hub_the_other_commands_can_talk_to_and_refuses_a_second_one() throws Exception {
        Path db = dir.resolve("served.db");
        Cli cli = new Cli(null, dir.resolve("home"));
        try (ChildProcess serve = cli.start("serve", "--db", db.toString(), "--host", "127.0.0.1", "--port", "0")) {
            int port = Integer.parseInt(serve.awaitErrorLine(SERVING, Duration.ofSeconds(60)).group(1)); // its log
            Cli client = cli.with("PARLEY_SERVER_URL", "http://127.0.0.1:" + port);
            assertThat(client.run("status", "--json").json().path("health").path("status").asText()).isEqualTo("ok");

            Cli.Result second = cli.run("serve", "--db", db.toString(), "--host", "127.0.0.1", "--port", "0");
            assertThat(second.code()).as(second.toString()).isEqualTo(Exit.HUB_RUNNING.code());
            assertThat(second.err()).contains("already serving");
            serve.stop(); // SIGTERM: fails unless it stops within a minute
        }
        assertThat(cli.run("serve", "--help").out()).contains("Usage: parley serve").contains("--port");
    }

    @Test
    void bench_runs_against_the_configured_hub_and_prints_its_json_line() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            Cli.Result result = new Cli(hub.url(), dir.resolve("home")).run("bench", "--scenario", "rest", "--receivers",
                    "1", "--senders", "1", "--messages", "20", "--drain-seconds", "2", "--quiet");
            assertThat(result.code()).as(result.toString()).isZero();
            JsonNode line = new Cli.Result(0, result.out().strip(), "").json();
            assertThat(line.path("scenario").asText()).isEqualTo("rest");
            assertThat(line.path("url").asText()).startsWith(hub.url());
            assertThat(line.path("sent").asLong()).isEqualTo(20);
            assertThat(line.path("lost").asLong()).isZero();
        }
    }
}
