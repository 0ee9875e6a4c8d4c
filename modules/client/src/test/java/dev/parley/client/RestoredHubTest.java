package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cli.hub.LocalDatabase;
import dev.parley.server.HubConfig;
import dev.parley.testing.InProcessHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client stays connected-in-spirit while its hub is restored from an older backup: after the reconnect, the
 * messages that reuse seqs it saw before the restore reach it (its positions are forgotten when the hub's epoch
 * changed) instead of being dropped as duplicates.
 */
class RestoredHubTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void messages_under_reused_seqs_after_a_restore_reach_a_reconnecting_client() throws Exception {
        Path db = dir.resolve("hub.db");
        Path backup = dir.resolve("backup.db");
        Collector<Message> received = new Collector<>();
        int port;
        InProcessHub first = InProcessHub.start(new HubConfig(db, "127.0.0.1", 0));
        port = first.port();
        try (ParleyClient bob = TestClients.builder(first.url(), "bob").build()) {
            bob.onMessage(received);
            bob.connect();
            try (first) {
                for (int i = 1; i <= 2; i++) {
                    first.rest().send("alice", "general", "kept " + i);
                }
                received.awaitCount(2, WAIT);
                new LocalDatabase(db).vacuumInto(backup);
                for (int i = 3; i <= 4; i++) {
                    first.rest().send("alice", "general", "undone by the restore " + i);
                }
                assertThat(received.awaitCount(4, WAIT).get(3).seq()).isEqualTo(4);
            }
            Files.copy(backup, db, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(dir.resolve("hub.db-wal"));
            Files.deleteIfExists(dir.resolve("hub.db-shm"));

            try (InProcessHub restored = InProcessHub.start(new HubConfig(db, "127.0.0.1", port))) {
                restored.rest().send("alice", "general", "new under seq 3");
                restored.rest().send("alice", "general", "new under seq 4");
                received.awaitMatch(m -> m.body().equals("new under seq 3"), WAIT);
                received.awaitMatch(m -> m.body().equals("new under seq 4"), WAIT);
                List<String> bodies = received.items().stream().map(Message::body).toList();
                assertThat(bodies).containsOnlyOnce("new under seq 3", "new under seq 4");
            }
        }
    }
}
