package dev.parley.store;

import static dev.parley.store.TestStore.register;
import static dev.parley.store.TestStore.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    private static final String GENERAL = Vocabulary.GENERAL_ID;

    @TempDir
    Path dir;

    private HubStore store;
    private final List<StoredMessage> sent = new ArrayList<>();

    @BeforeEach
    void open() {
        store = TestStore.open(dir);
        register(store, "alice");
        for (int i = 1; i <= 260; i++) {
            sent.add(send(store, GENERAL, "alice", "m" + i));
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void history_is_the_newest_page_oldest_first_50_by_default_and_200_at_most() {
        assertThat(store.messages().history(GENERAL, Reader.ANONYMOUS, null, null)).isEqualTo(sent.subList(210, 260));
        assertThat(store.messages().history(GENERAL, Reader.ANONYMOUS, 3, null)).isEqualTo(sent.subList(257, 260));
        assertThat(store.messages().history(GENERAL, Reader.ANONYMOUS, 1_000, null)).hasSize(200);
        assertThat(store.messages().history(GENERAL, Reader.ANONYMOUS, 0, null)).hasSize(50);
        assertThat(store.messages().history("ch-000000000000", Reader.ANONYMOUS, null, null)).isEmpty();
    }

    @Test
    void history_before_a_time_pages_backwards() {
        StoredMessage hundredth = sent.get(99);

        assertThat(store.messages().history(GENERAL, Reader.ANONYMOUS, 5, Timestamps.parse(hundredth.createdAt())))
                .isEqualTo(sent.subList(94, 99));
    }

    @Test
    void after_a_seq_returns_what_a_resuming_client_missed_in_order() {
        assertThat(store.messages().after(GENERAL, 255, Reader.ANONYMOUS, 100)).isEqualTo(sent.subList(255, 260));
        assertThat(store.messages().after(GENERAL, 0, Reader.ANONYMOUS, 10)).isEqualTo(sent.subList(0, 10));
        assertThat(store.messages().after(GENERAL, 260, Reader.ANONYMOUS, 10)).isEmpty();
    }
}
