package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.Hub;
import dev.parley.server.HubConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** How the hub serves the chat page and its assets: types, caching, security headers, nothing else. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatRoutesTest {
    private Hub hub;
    private HubRest rest;

    @BeforeAll
    void startHub(@TempDir Path dir) throws Exception {
        hub = Hub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0));
        rest = new HubRest(hub.port());
    }

    @AfterAll
    void stopHub() {
        hub.close();
    }

    @Test
    void serves_the_page_as_html_with_a_strict_content_security_policy() {
        HttpResponse<String> page = rest.raw("GET", "/chat", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(contentType(page)).isEqualTo("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "default-src 'none'", "connect-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/chat/main.js\"></script>")
                .doesNotContain("http://", "https://");
    }

    @Test
    void serves_scripts_styles_and_icon_with_their_content_types() {
        assertThat(contentType(rest.raw("GET", "/chat/main.js", null))).isEqualTo("text/javascript;charset=utf-8");
        assertThat(contentType(rest.raw("GET", "/chat/chat.css", null))).isEqualTo("text/css;charset=utf-8");
        assertThat(contentType(rest.raw("GET", "/chat/favicon.svg", null))).isEqualTo("image/svg+xml");
    }

    @Test
    void answers_304_when_the_browser_already_has_the_file() {
        HttpResponse<String> first = rest.raw("GET", "/chat/app.js", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = rest.raw("GET", "/chat/app.js", null, "If-None-Match", etag);

        assertThat(etag).matches("\"[0-9a-f]{24}\"");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void answers_404_for_unknown_files_and_names_outside_the_page_folder() {
        assertThat(rest.raw("GET", "/chat/nope.js", null).statusCode()).isEqualTo(404);
        assertThat(rest.raw("GET", "/chat/..%2Fweb%2FChatRoutes.class", null).statusCode()).isEqualTo(404);
        assertThat(rest.raw("GET", "/chat/ChatRoutes.class", null).statusCode()).isEqualTo(404);
        assertThat(rest.raw("GET", "/chat/.hidden.js", null).statusCode()).isEqualTo(404);
    }

    @Test
    void every_script_the_page_loads_is_served() {
        for (String asset : new String[] {"theme-boot.js", "main.js", "app.js", "api.js", "connection.js", "store.js",
                "timeline.js", "message-view.js", "markdown.js", "composer.js", "sidebar.js", "header.js", "panels.js",
                "dialogs.js", "notify.js", "format.js", "settings.js", "dom.js"}) {
            assertThat(rest.raw("GET", "/chat/" + asset, null).statusCode()).as(asset).isEqualTo(200);
        }
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }
}
