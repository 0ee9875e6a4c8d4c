package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.HubExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the hub serves the chat page and its assets: types, caching, security headers, nothing else. */
class ChatRoutesTest {
    @RegisterExtension
    static final HubExtension HUB = new HubExtension(); // one hub for the class: these tests only read

    @Test
    void serves_the_page_as_html_with_a_strict_content_security_policy() {
        HttpResponse<String> page = HUB.rest().get("/chat");

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
        assertThat(contentType(HUB.rest().get("/chat/main.js"))).isEqualTo("text/javascript;charset=utf-8");
        assertThat(contentType(HUB.rest().get("/chat/chat.css"))).isEqualTo("text/css;charset=utf-8");
        assertThat(contentType(HUB.rest().get("/chat/favicon.svg"))).isEqualTo("image/svg+xml");
    }

    @Test
    void answers_304_when_the_browser_already_has_the_file() {
        HttpResponse<String> first = HUB.rest().get("/chat/app.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = HUB.rest().get("/chat/app.js", "If-None-Match", etag);

        assertThat(etag).matches("\"[0-9a-f]{24}\"");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void answers_404_for_unknown_files_and_names_outside_the_page_folder() {
        assertThat(HUB.rest().get("/chat/nope.js").statusCode()).isEqualTo(404);
        assertThat(HUB.rest().get("/chat/..%2Fweb%2FChatRoutes.class").statusCode()).isEqualTo(404);
        assertThat(HUB.rest().get("/chat/ChatRoutes.class").statusCode()).isEqualTo(404);
        assertThat(HUB.rest().get("/chat/.hidden.js").statusCode()).isEqualTo(404);
    }

    @Test
    void every_script_the_page_loads_is_served() {
        for (String asset : new String[] {"theme-boot.js", "main.js", "app.js", "api.js", "connection.js", "store.js",
                "timeline.js", "message-view.js", "markdown.js", "composer.js", "sidebar.js", "header.js", "panels.js",
                "dialogs.js", "notify.js", "format.js", "settings.js", "dom.js", "claims.js", "claims-panel.js",
                "questions.js", "question-card.js", "questions-panel.js", "people.js", "profile-card.js",
                "mention-complete.js", "shortcuts.js", "message-link.js", "emoji-data.js", "emoji.js", "emoji-picker.js",
                "emoji-complete.js", "unread-divider.js",
                "channel-menu.js"}) {
            assertThat(HUB.rest().get("/chat/" + asset).statusCode()).as(asset).isEqualTo(200);
        }
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }
}
