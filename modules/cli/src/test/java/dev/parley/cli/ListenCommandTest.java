package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** listen as a running process: lines appear as messages are sent, pending ones first. */
class ListenCommandTest {
    private static final long WAIT_SECONDS = 30;

    @RegisterExtension
    static final SharedHub shared = SharedHub.withName(null);

    private final CliHub hub = shared.hub();
    private final Cli cli = shared.cli();

    @Test
    void listen_prints_a_line_for_each_message_sent_while_it_runs() throws Exception {
        hub.send("lena", "general", "lena registers");
        Process listen = cli.with("PARLEY_NAME", "lena").start("listen");
        try {
            Lines out = new Lines(listen.getInputStream());
            Lines err = new Lines(listen.getErrorStream());
            assertThat(err.await(line -> line.contains("listening as lena"))).isNotNull();

            hub.send("max", "general", "hello lena");
            String line = out.await(l -> l.contains("hello lena"));
            assertThat(line).contains("general").contains("max: hello lena");
        } finally {
            stop(listen);
        }
    }

    @Test
    void listen_json_prints_one_json_line_per_message_and_pending_ones_first() throws Exception {
        hub.send("mia", "general", "mia registers");
        hub.post("/api/channels/create", "{\"name\":\"mias\",\"created_by\":\"mia\"}");
        hub.send("max", "mias", "sent while mia was away");
        Process listen = cli.with("PARLEY_NAME", "mia").start("listen", "--json");
        try {
            Lines out = new Lines(listen.getInputStream());
            new Lines(listen.getErrorStream());
            JsonNode missed = new ObjectMapper().readTree(out.await(l -> l.contains("sent while mia was away")));
            assertThat(missed.path("channel_name").asText()).isEqualTo("mias");
            assertThat(missed.path("sender").asText()).isEqualTo("max");

            hub.send("max", "mias", "live one");
            JsonNode live = new ObjectMapper().readTree(out.await(l -> l.contains("live one")));
            assertThat(live.path("seq").asLong()).isGreaterThan(missed.path("seq").asLong());
            assertThat(live.path("message_id").asText()).matches("ty-[0-9a-f]{12}");
        } finally {
            stop(listen);
        }
    }

    @Test
    void listen_count_stops_by_itself_and_a_channel_filter_skips_other_channels() throws Exception {
        hub.send("nora", "general", "nora registers");
        hub.post("/api/channels/create", "{\"name\":\"noras\",\"created_by\":\"nora\"}");
        hub.send("max", "general", "not for the filter");
        hub.send("max", "noras", "the one");
        Process listen = cli.with("PARLEY_NAME", "nora").start("listen", "noras", "--count", "1", "--json");
        try {
            Lines out = new Lines(listen.getInputStream());
            new Lines(listen.getErrorStream());
            assertThat(listen.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(listen.exitValue()).isZero();
            String line = out.await(l -> !l.isBlank());
            assertThat(new ObjectMapper().readTree(line).path("body").asText()).isEqualTo("the one");
        } finally {
            stop(listen);
        }
    }

    @Test
    void listen_delivers_each_message_once_across_runs() throws Exception {
        hub.send("olga", "general", "olga registers");
        Process first = cli.with("PARLEY_NAME", "olga").start("listen", "--count", "1", "--json");
        Lines firstOut = new Lines(first.getInputStream());
        new Lines(first.getErrorStream());
        hub.send("max", "general", "once for olga");
        assertThat(firstOut.await(l -> l.contains("once for olga"))).isNotNull();
        assertThat(first.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        hub.send("max", "general", "second for olga");
        Process second = cli.with("PARLEY_NAME", "olga").start("listen", "--count", "1", "--json");
        try {
            Lines out = new Lines(second.getInputStream());
            new Lines(second.getErrorStream());
            String line = out.await(l -> !l.isBlank());
            assertThat(line).contains("second for olga").doesNotContain("once for olga");
        } finally {
            stop(second);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** A process stream read line by line on its own thread, for awaiting a line without sleeps. */
    static final class Lines {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder seen = new StringBuilder();

        Lines(InputStream stream) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException ended) {
                    // the process is gone
                }
            }, "listen-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** The first line (from now on) that matches, waiting up to 30 s. */
        String await(java.util.function.Predicate<String> match) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    break;
                }
                seen.append(line).append('\n');
                if (match.test(line)) {
                    return line;
                }
            }
            throw new AssertionError("no matching line within " + WAIT_SECONDS + "s; saw:\n" + seen);
        }
    }
}
