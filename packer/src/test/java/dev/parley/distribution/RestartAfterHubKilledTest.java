package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.packer.TemplateFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the hub while it is writing leaves a {@code -wal} file behind; the bootstrap
 * must still read the database correctly (it reads the WAL itself) and bring the hub back with
 * every acknowledged message.
 */
class RestartAfterHubKilledTest {

    @Test
    void the_bootstrap_reads_the_database_and_restarts_after_the_hub_was_killed_mid_write() throws Exception {
        UserFolder user = UserFolder.sharingBuilds(TemplateFixture.fullTemplate(), "killed");
        Path wal = user.liveDb().resolveSibling("parley.db-wal");
        AtomicInteger acknowledged = new AtomicInteger();

        try (BootstrapProcess first = user.start(false, "--", "--host", "127.0.0.1", "--port", "0")) {
            int port = first.awaitServing(Duration.ofMinutes(3));
            ProcessHandle hub = first.hub().orElseThrow();
            assertThat(hub).as("the hub runs in the launcher's JVM: nothing waits beside it, nothing can be orphaned")
                    .isEqualTo(first.process());
            assertThat(first.descendants()).isEmpty();
            CountDownLatch enough = new CountDownLatch(200);
            Thread writer = new Thread(() -> sendUntilRefused(port, acknowledged, enough), "writer");
            writer.start();
            assertThat(enough.await(60, TimeUnit.SECONDS)).isTrue();
            new ProcessBuilder("kill", "-9", Long.toString(hub.pid())).inheritIO().start().waitFor();
            hub.onExit().get(30, TimeUnit.SECONDS);
            writer.join(30_000);
            first.awaitExit(Duration.ofSeconds(30));
        }
        assertThat(wal).exists();
        assertThat(Files.size(wal)).as("WAL left by the killed hub").isPositive();

        BootstrapProcess.Finished verify = user.run("--verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();

        try (BootstrapProcess second = user.start(false, "--", "--host", "127.0.0.1", "--port", "0")) {
            int port = second.awaitServing(Duration.ofMinutes(1));
            second.awaitLine(Pattern.compile("cached build"), Duration.ofSeconds(1));
            String health = second.get(port, "/health");
            assertThat(health).contains("\"status\":\"ok\"");
            long stored = Long.parseLong(health.replaceAll(".*\"messages\":(\\d+).*", "$1"));
            assertThat(stored).as("messages stored vs acknowledged before the kill").isGreaterThanOrEqualTo(acknowledged.get());
            second.stop();
        }
    }

    /** Sends messages one after another until the hub stops answering; counts the acknowledged ones. */
    private static void sendUntilRefused(int port, AtomicInteger acknowledged, CountDownLatch enough) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < 100_000; i++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/send")).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"sender\":\"writer\",\"channel\":\"general\",\"body\":\"n" + i + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    return;
                }
                acknowledged.incrementAndGet();
                enough.countDown();
            } catch (Exception stopped) {
                return;
            }
        }
    }
}
