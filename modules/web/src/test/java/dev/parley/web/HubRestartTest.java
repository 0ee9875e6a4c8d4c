package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ChildProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub goes away and comes back on the same address: the page shows that it is reconnecting,
 * keeps what the user writes meanwhile, and once back shows exactly what it missed (replayed by
 * per-channel seq) and sends what was written, once.
 */
class HubRestartTest {
    private static final Duration START = Duration.ofSeconds(60);

    @Test
    void the_page_reconnects_after_a_hub_restart_and_shows_what_it_missed(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("hub.db");
        int port = freePort();
        HubRest rest = new HubRest(port);
        ChildProcess hub = ChildProcess.healthyHub(db, port, START);
        try (Browser browser = Browser.start(1280, 800)) {
            ChatPage page = new ChatPage(browser, rest.base());
            page.signIn("ada");
            rest.send("grace", "general", "before the restart");
            page.awaitMessage("before the restart");

            hub.stop(); // SIGTERM: the hub closes its sessions (1001) and its database, as on a normal shutdown
            browser.until(d -> "reconnecting".equals(browser.byTestId("connection-state").getAttribute("data-state")));
            assertThat(page.visible("connection-banner").getText()).contains("Connection to the hub lost");
            page.send("written while the hub was away");
            browser.until(d -> "pending".equals(page.message("written while the hub was away").getAttribute("data-status")));
            browser.screenshot("restart-reconnecting");

            hub = ChildProcess.healthyHub(db, port, START);
            for (int i = 1; i <= 3; i++) {
                rest.send("grace", "general", "missed while away " + i);
            }

            browser.until(Duration.ofSeconds(40), d -> page.hasMessage("missed while away 3"));
            page.awaitOnline();
            browser.until(d -> page.visible("connection-banner") == null);
            for (int i = 1; i <= 3; i++) {
                assertThat(page.countExactly("missed while away " + i)).isEqualTo(1);
            }
            assertThat(page.countExactly("before the restart")).isEqualTo(1);
            browser.until(d -> !"pending".equals(page.message("written while the hub was away").getAttribute("data-status")));
            assertThat(page.countExactly("written while the hub was away")).isEqualTo(1);
            List<String> stored = StreamSupport.stream(rest.get("/api/messages/general?limit=200").spliterator(), false)
                    .map(m -> m.path("body").asText()).toList();
            assertThat(stored).containsOnlyOnce("written while the hub was away");
            assertThat(stored.indexOf("missed while away 1")).isLessThan(stored.indexOf("missed while away 3"));
            browser.screenshot("restart-recovered");

            browser.until(d -> rest.get("/api/pending/ada").isEmpty()); // every replayed message was acked
        } finally {
            hub.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
