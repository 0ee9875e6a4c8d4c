package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.packer.TemplateFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the hub leaves a {@code -wal} file behind; the bootstrap must still read the
 * database correctly (it reads the WAL itself) and bring the hub back.
 */
class RestartAfterHubKilledTest {

    @Test
    void the_bootstrap_reads_the_database_and_restarts_after_the_hub_was_killed() throws Exception {
        UserFolder user = UserFolder.from(TemplateFixture.fullTemplate(), "killed");
        Path wal = user.liveDb().resolveSibling("parley.db-wal");

        try (BootstrapProcess first = user.start(false, "--", "--host", "127.0.0.1", "--port", "0")) {
            int port = first.awaitServing(Duration.ofMinutes(3));
            assertThat(first.get(port, "/health")).contains("\"status\":\"ok\"");
            ProcessHandle hub = first.hub().orElseThrow();
            new ProcessBuilder("kill", "-9", Long.toString(hub.pid())).inheritIO().start().waitFor();
            hub.onExit().get(30, TimeUnit.SECONDS);
            first.awaitExit(Duration.ofSeconds(30));
        }
        assertThat(wal).exists();
        assertThat(Files.size(wal)).isPositive();

        BootstrapProcess.Finished verify = user.run("--verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();

        try (BootstrapProcess second = user.start(false, "--", "--host", "127.0.0.1", "--port", "0")) {
            int port = second.awaitServing(Duration.ofMinutes(1));
            assertThat(second.get(port, "/health")).contains("\"status\":\"ok\"", "\"channels\":1");
            second.stop();
        }
    }
}
