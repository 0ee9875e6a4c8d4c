package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.HubStore;
import dev.parley.testing.InProcessHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub lists channels in pages of at most 1,000; the page reads them all, and still loads at once. */
class PagedChannelsTest {
    private static final int CHANNELS = 1_050;

    @Test
    void browse_lists_channels_from_every_page(@TempDir Path dir) throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             Browser browser = Browser.start(1024, 720)) {
            HubStore store = hub.hub().services().store();
            List<CompletableFuture<?>> writes = new ArrayList<>();
            for (int i = 0; i < CHANNELS; i++) {
                writes.add(store.channels().create(String.format("room-%04d", i), null, "topic " + i));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();

            ChatPage page = new ChatPage(browser, "http://127.0.0.1:" + hub.port());
            page.signIn("pat");
            browser.byTestId("browse-channels").click();
            List<?> items = browser.until(Duration.ofSeconds(20), d -> {
                List<?> shown = browser.driver().findElements(org.openqa.selenium.By.cssSelector(
                        "[data-testid=browse-list] .browse-item"));
                return shown.size() >= CHANNELS ? shown : null;
            });
            assertThat(items).hasSize(CHANNELS);
            assertThat(browser.byTestId("browse-list").getText()).contains("room-0000").contains("room-1049");
            assertThat(browser.consoleErrors()).noneMatch(e -> e.contains("Uncaught"));
        }
    }
}
