package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.ChildProcess;
import dev.parley.testing.HubExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** listen as a running process: lines appear as messages are sent, pending ones first. */
class ListenCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    private final Cli cli = Cli.at(hub);

    @Test
    void listen_prints_a_line_for_each_message_sent_while_it_runs() throws Exception {
        hub.rest().send("lena", "general", "lena registers");
        try (ChildProcess listen = cli.with("PARLEY_NAME", "lena").start("listen")) {
            assertThat(listen.awaitErrorLine(line -> line.contains("listening as lena"), WAIT)).isNotNull();

            hub.rest().send("max", "general", "hello lena");
            String line = listen.awaitLine(l -> l.contains("hello lena"), WAIT);
            assertThat(line).contains("general").contains("max: hello lena");
        }
    }

    @Test
    void listen_json_prints_one_json_line_per_message_and_pending_ones_first() throws Exception {
        hub.rest().send("mia", "general", "mia registers");
        hub.rest().postJson("/api/channels/create", "{\"name\":\"mias\",\"created_by\":\"mia\"}");
        hub.rest().send("max", "mias", "sent while mia was away");
        try (ChildProcess listen = cli.with("PARLEY_NAME", "mia").start("listen", "--json")) {
            String missedLine = listen.awaitLine(l -> l.contains("sent while mia was away"), WAIT);
            JsonNode missed = new ObjectMapper().readTree(missedLine);
            assertThat(missed.path("channel_name").asText()).isEqualTo("mias");
            assertThat(missed.path("sender").asText()).isEqualTo("max");

            hub.rest().send("max", "mias", "live one");
            JsonNode live = new ObjectMapper().readTree(listen.awaitLine(l -> l.contains("live one"), WAIT));
            assertThat(live.path("seq").asLong()).isGreaterThan(missed.path("seq").asLong());
            assertThat(live.path("message_id").asText()).matches("ty-[0-9a-f]{12}");
        }
    }

    @Test
    void listen_count_stops_by_itself_and_a_channel_filter_skips_other_channels() throws Exception {
        hub.rest().send("nora", "general", "nora registers");
        hub.rest().postJson("/api/channels/create", "{\"name\":\"noras\",\"created_by\":\"nora\"}");
        hub.rest().send("max", "general", "not for the filter");
        hub.rest().send("max", "noras", "the one");
        try (ChildProcess listen = cli.with("PARLEY_NAME", "nora").start("listen", "noras", "--count", "1", "--json")) {
            assertThat(listen.awaitExit(WAIT)).isZero();
            String line = listen.awaitLine(l -> !l.isBlank(), WAIT);
            assertThat(new ObjectMapper().readTree(line).path("body").asText()).isEqualTo("the one");
        }
    }

    @Test
    void listen_delivers_each_message_once_across_runs() throws Exception {
        hub.rest().send("olga", "general", "olga registers");
        try (ChildProcess first = cli.with("PARLEY_NAME", "olga").start("listen", "--count", "1", "--json")) {
            hub.rest().send("max", "general", "once for olga");
            assertThat(first.awaitLine(l -> l.contains("once for olga"), WAIT)).isNotNull();
            first.awaitExit(WAIT);
        }

        hub.rest().send("max", "general", "second for olga");
        try (ChildProcess second = cli.with("PARLEY_NAME", "olga").start("listen", "--count", "1", "--json")) {
            String line = second.awaitLine(l -> !l.isBlank(), WAIT);
            assertThat(line).contains("second for olga").doesNotContain("once for olga");
        }
    }
}
