package dev.parley.store;

import static dev.parley.store.TestStore.await;
import static dev.parley.store.TestStore.register;
import static dev.parley.store.TestStore.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurabilityTest {
    @TempDir
    Path dir;

    @Test
    void a_message_whose_future_completed_is_in_the_files_as_they_are_at_that_moment() throws Exception {
        HubStore store = TestStore.open(dir);
        try {
            register(store, "alice");
            StoredMessage message = send(store, Vocabulary.GENERAL_ID, "alice", "survive kill -9");

            // The files as a crash would leave them: the main file and the WAL, never checkpointed or closed.
            Path crashed = Files.createDirectory(dir.resolve("crashed"));
            Files.copy(dir.resolve("hub.db"), crashed.resolve("hub.db"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.copy(dir.resolve("hub.db-wal"), crashed.resolve("hub.db-wal"), StandardCopyOption.COPY_ATTRIBUTES);

            try (HubStore recovered = TestStore.open(crashed)) {
                assertThat(recovered.messages().find(message.messageId())).contains(message);
                assertThat(recovered.cursors().pendingCount("alice")).isZero();
            }
        } finally {
            store.close();
        }
    }

    @Test
    void everything_written_is_there_after_closing_and_reopening_and_seqs_continue() {
        StoredMessage first;
        try (HubStore store = TestStore.open(dir)) {
            register(store, "alice", "bob");
            first = send(store, Vocabulary.GENERAL_ID, "alice", "before restart");
            await(store.cursors().readAck("bob", java.util.List.of(first.messageId())));
        }
        assertThat(dir.resolve("hub.db-wal")).satisfiesAnyOf(
                wal -> assertThat(wal).doesNotExist(), wal -> assertThat(wal).isEmptyFile());

        try (HubStore store = TestStore.open(dir)) {
            assertThat(store.messages().find(first.messageId())).contains(first);
            assertThat(store.cursors().unread("bob")).isEmpty();
            StoredMessage second = send(store, Vocabulary.GENERAL_ID, "alice", "after restart");
            assertThat(second.seq()).isEqualTo(2);
            assertThat(second.createdAt()).isGreaterThan(first.createdAt());
        }
    }
}
