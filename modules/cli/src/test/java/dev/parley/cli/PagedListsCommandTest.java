package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.store.HubStore;
import dev.parley.store.Registration;
import dev.parley.testing.InProcessHub;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley channels} and {@code parley participants} show every row, across the hub's pages. */
class PagedListsCommandTest {
    /** More than one page of the largest size the hub serves (1,000). */
    private static final int ROWS = 1_234;

    @TempDir
    Path dir;

    @Test
    void channels_and_participants_follow_the_pages_to_the_end() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            HubStore store = hub.hub().services().store();
            List<CompletableFuture<?>> writes = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                writes.add(store.channels().create(String.format("room-%04d", i), null, ""));
                writes.add(store.participants().register(Registration.of(String.format("agent-%04d", i))));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            Cli cli = new Cli(hub.url(), dir.resolve("home"));

            JsonNode channels = cli.run("channels", "--json").json();
            assertThat(channels).hasSize(ROWS + 1); // and general
            assertThat(names(channels)).doesNotHaveDuplicates().contains("room-0000", "room-1233", "general");

            JsonNode participants = cli.run("participants", "--json").json();
            assertThat(participants).hasSize(ROWS);
            assertThat(names(participants)).doesNotHaveDuplicates().contains("agent-0000", "agent-1233");
            assertThat(cli.run("presence", "--json").json()).hasSize(ROWS);
        }
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.path("name").asText()));
        return names;
    }
}
