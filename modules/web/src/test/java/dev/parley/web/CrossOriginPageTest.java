package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.server.HubConfig;
import dev.parley.server.auth.AuthMode;
import dev.parley.testing.InProcessHub;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real headless Chromium visiting web pages that try to drive a hub on this machine (token mode,
 * bound to loopback, where the hub skips the token for local peers): a page of another origin, and
 * a page whose name was re-pointed at the hub (DNS rebinding, done with Chromium's resolver rules).
 * Neither stores a message or reads one; the hub's own {@code /chat} keeps working.
 */
class CrossOriginPageTest {
    private static final String SECRET = "the launch date is friday";
    private static final String REBOUND = "rebound.test";

    /** Runs in the attacker's page; answers what each attempt achieved, as the page could see it. */
    private static final String ATTACK = """
            const hub = arguments[0], done = arguments[arguments.length - 1];
            const body = JSON.stringify({sender: 'ceo', channel: 'general', body: 'from the evil page'});
            const results = {};
            const attempt = async (name, fn) => {
              try { results[name] = await fn(); } catch (e) { results[name] = 'failed: ' + e.message; }
            };
            (async () => {
              await attempt('noCorsText', async () => (await fetch(hub + '/api/send', {method: 'POST', mode: 'no-cors',
                  headers: {'Content-Type': 'text/plain'}, body})).type);
              await attempt('corsJson', async () => {
                const r = await fetch(hub + '/api/send', {method: 'POST', headers: {'Content-Type': 'application/json'}, body});
                return 'read ' + r.status + ' ' + await r.text();
              });
              await attempt('channels', async () => 'read ' + await (await fetch(hub + '/api/channels')).text());
              await attempt('messages', async () => 'read ' + await (await fetch(hub + '/api/messages/general')).text());
              await attempt('form', () => new Promise(resolve => {
                const frame = document.createElement('iframe');
                frame.name = 'sink';
                document.body.appendChild(frame);
                frame.onload = () => resolve('submitted');
                const form = document.createElement('form');
                form.method = 'POST';
                form.action = hub + '/api/send';
                form.target = 'sink';
                form.enctype = 'text/plain';
                const input = document.createElement('input');
                input.name = '{"sender":"ceo","channel":"general","body":"from a form","pad":"';
                input.value = '"}';
                form.appendChild(input);
                document.body.appendChild(form);
                form.submit();
              }));
              await attempt('socket', () => new Promise(resolve => {
                const ws = new WebSocket(hub.replace('http', 'ws') + '/ws');
                ws.onopen = () => {
                  ws.send(JSON.stringify({type: 'auth', name: 'ceo'}));
                  ws.send(JSON.stringify({type: 'send', channel: 'general', body: 'from a socket'}));
                  resolve('open');
                };
                ws.onclose = e => resolve('closed ' + e.code);
              }));
              done(results);
            })();
            """;

    /** Runs in the rebound page: same-origin as far as the browser knows, so it may read what it gets. */
    private static final String SAME_ORIGIN_READ = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const read = await fetch('/api/messages/general');
              const write = await fetch('/api/send', {method: 'POST', headers: {'Content-Type': 'application/json'},
                  body: JSON.stringify({sender: 'ceo', channel: 'general', body: 'from a rebound page'})});
              done({read: read.status + ' ' + await read.text(), write: write.status + ' ' + await write.text()});
            })().catch(e => done({read: 'failed: ' + e.message, write: ''}));
            """;

    @Test
    void pages_of_other_origins_store_nothing_and_read_nothing_while_the_hubs_own_page_works(@TempDir Path dir)
            throws Exception {
        HubConfig config = new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withAuth(AuthMode.TOKEN);
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] page = "<!doctype html><title>cute cats</title><p>cats</p>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
        try (InProcessHub hub = InProcessHub.start(config);
             Browser browser = Browser.start(1024, 720, "--host-resolver-rules=MAP " + REBOUND + " 127.0.0.1")) {
            String base = "http://127.0.0.1:" + hub.port();
            new HubRest(hub.port()).send("kate", "general", SECRET);
            long stored = hub.hub().services().store().counts().messages();

            // A page of another origin (another port, another host name) on this machine.
            browser.open("http://localhost:" + attacker.getAddress().getPort() + "/");
            @SuppressWarnings("unchecked")
            Map<String, Object> results = (Map<String, Object>) browser.asyncScript(ATTACK, base);
            assertThat(hub.hub().services().store().counts().messages()).as("messages stored, %s", results)
                    .isEqualTo(stored);
            assertThat(results.get("noCorsText")).isEqualTo("opaque"); // what no-cors always shows: nothing
            assertThat(results.get("corsJson")).asString().startsWith("failed");
            assertThat(results.get("channels")).asString().startsWith("failed");
            assertThat(results.get("messages")).asString().startsWith("failed");
            assertThat(results.get("form")).isEqualTo("submitted");
            assertThat(results.get("socket")).asString().startsWith("closed");
            assertThat(results.values()).allSatisfy(value -> assertThat(value).asString().doesNotContain(SECRET));

            // A page whose name now resolves to the hub: Host says rebound.test, and the hub refuses it.
            browser.open("http://" + REBOUND + ":" + hub.port() + "/chat");
            @SuppressWarnings("unchecked")
            Map<String, Object> rebound = (Map<String, Object>) browser.asyncScript(SAME_ORIGIN_READ);
            assertThat(rebound.get("read")).asString().startsWith("421").contains("unknown_host").doesNotContain(SECRET);
            assertThat(rebound.get("write")).asString().startsWith("421");
            assertThat(hub.hub().services().store().counts().messages()).isEqualTo(stored);

            // The hub's own page, on loopback, needs no token and may write and read.
            ChatPage page = new ChatPage(browser, base).signIn("lena");
            // A new name on a token hub: the page claimed it with a key it made, and shows that key once.
            browser.until(d -> page.visible("key-dialog"));
            browser.byTestId("key-done").click();
            browser.until(d -> page.visible("key-dialog") == null);
            page.awaitMessage(SECRET);
            page.send("hello from the hub's own page");
            page.awaitMessage("hello from the hub's own page");
            browser.until(d -> hub.hub().services().store().counts().messages() == stored + 1);
        } finally {
            attacker.stop(0);
        }
    }
}
