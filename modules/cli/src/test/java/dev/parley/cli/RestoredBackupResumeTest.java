package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.HubConfig;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume across a restored backup: a client saw seq 1..5, the hub is restored from a backup taken at seq 3 and
 * takes new messages under seq 4 and 5 again. Naming its positions and their epoch, the client is told the
 * history changed ({@code reset}, {@code epoch_changed}) and gets the new messages instead of skipping them as
 * seen; naming the hub's own epoch, it resumes as usual. The backup is the real {@code parley backup}.
 */
class RestoredBackupResumeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void a_client_resuming_into_a_restored_backup_is_reset_and_gets_the_messages_that_reuse_its_seqs()
            throws Exception {
        Path home = dir.resolve("home");
        Path db = home.resolve("parley.db");
        HubConfig config = new HubConfig(db, "127.0.0.1", 0);
        Path backup = dir.resolve("backup.db");
        String epochSeen;
        try (InProcessHub hub = InProcessHub.start(config); RawSocket bob = hub.client("bob", "*")) {
            epochSeen = bob.await("auth_ok").get("epoch").asText();
            assertThat(epochSeen).matches("[0-9a-f]{16}");
            for (int i = 1; i <= 3; i++) {
                hub.rest().send("alice", "general", "before the backup " + i);
            }
            bob.awaitCount(f -> f.path("type").asText().equals("message"), 3, WAIT);
            Cli.Result backedUp = new Cli(hub.url(), home).with("PARLEY_NAME", "alice").run("backup", backup.toString());
            assertThat(backedUp.code()).as(backedUp.toString()).isZero();
            for (int i = 4; i <= 5; i++) {
                hub.rest().send("alice", "general", "lost with the restore " + i);
            }
            List<JsonNode> seen = bob.awaitCount(f -> f.path("type").asText().equals("message"), 5, WAIT);
            assertThat(seen.get(4).get("seq").asLong()).isEqualTo(5);
        }

        // Restore by hand, as a user would: the copy over the database, no WAL of the old one beside it.
        Files.copy(backup, db, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(db.resolveSibling("parley.db-wal"));
        Files.deleteIfExists(db.resolveSibling("parley.db-shm"));

        try (InProcessHub hub = InProcessHub.start(config)) {
            hub.rest().send("alice", "general", "after the restore 4");
            hub.rest().send("alice", "general", "after the restore 5");

            try (RawSocket bob = RawSocket.connect(hub.ws())) {
                bob.send(resumeAuth(5, epochSeen));
                JsonNode ok = bob.await("auth_ok");
                JsonNode resumed = bob.await("resumed");
                String epochNow = ok.get("epoch").asText();
                assertThat(epochNow).as("a restored backup is another line of history").isNotEqualTo(epochSeen);
                assertThat(resumed.get("epoch").asText()).isEqualTo(epochNow);
                JsonNode general = resumed.get("channels").get("general");
                assertThat(general.get("status").asText()).isEqualTo("reset");
                assertThat(general.get("reason").asText()).startsWith("epoch_changed");
                assertThat(general.get("last_seq").asLong()).isEqualTo(5);
                // (What bob's cursor had not yet recorded at the backup comes again first: at least once.)
                assertThat(bob.frames("message")).extracting(m -> m.get("body").asText())
                        .as("the messages under seq 4 and 5 are new to bob, not seen")
                        .endsWith("after the restore 4", "after the restore 5")
                        .noneMatch(body -> body.startsWith("lost"));

                // Resuming in this hub's own epoch is an ordinary resume.
                try (RawSocket again = RawSocket.connect(hub.ws())) {
                    again.send(resumeAuth(5, epochNow));
                    JsonNode line = again.await("resumed").get("channels").get("general");
                    assertThat(line.get("status").asText()).isEqualTo("ok");
                    assertThat(again.frames("message")).isEmpty();
                }
            }
        }
    }

    private static ObjectNode resumeAuth(long generalSeq, String epoch) {
        ObjectNode auth = RawSocket.authFrame("bob", "*");
        auth.putObject("resume").put("general", generalSeq);
        auth.put("epoch", epoch);
        return auth;
    }
}
