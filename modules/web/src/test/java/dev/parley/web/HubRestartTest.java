package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub goes away and comes back on the same address: the page shows that it is reconnecting,
 * keeps what the user writes meanwhile, and once back shows exactly what it missed (replayed by
 * per-channel seq) and sends what was written, once.
 */
class HubRestartTest {

    @Test
    void the_page_reconnects_after_a_hub_restart_and_shows_what_it_missed(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("hub.db");
        int port = freePort();
        HubRest rest = new HubRest(port);
        Process hub = startHub(db, port);
        try (Browser browser = Browser.start(1280, 800)) {
            ChatPage page = new ChatPage(browser, rest.base());
            page.signIn("ada");
            rest.send("grace", "general", "before the restart");
            page.awaitMessage("before the restart");

            stop(hub);
            browser.until(d -> "reconnecting".equals(browser.byTestId("connection-state").getAttribute("data-state")));
            assertThat(page.visible("connection-banner").getText()).contains("Connection to the hub lost");
            page.send("written while the hub was away");
            browser.until(d -> "pending".equals(page.message("written while the hub was away").getAttribute("data-status")));
            browser.screenshot("restart-reconnecting");

            hub = startHub(db, port);
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
            stop(hub);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code java -cp <the tests' class path> dev.parley.server.HubMain}, returned once it serves. */
    private static Process startHub(Path db, int port) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.parley.server.HubMain",
                "--db", db.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            seen.append(line).append('\n');
            if (line.contains("serving ") && line.contains(":" + port)) {
                Thread drain = new Thread(() -> drain(output), "hub-output-" + process.pid());
                drain.setDaemon(true);
                drain.start();
                return process;
            }
        }
        throw new AssertionError("the hub exited before serving:\n" + seen);
    }

    private static void drain(BufferedReader output) {
        try {
            while (output.readLine() != null) {
                // the hub's log is not needed once it serves; reading keeps its pipe from filling
            }
        } catch (IOException e) {
            // the hub exited
        }
    }

    /** SIGTERM: the hub closes its sessions (1001) and its database, as on a normal shutdown. */
    private static void stop(Process hub) throws InterruptedException {
        if (hub.isAlive()) {
            hub.destroy();
            if (!hub.waitFor(60, TimeUnit.SECONDS)) {
                hub.destroyForcibly();
                throw new AssertionError("the hub did not stop on SIGTERM");
            }
        }
    }
}
