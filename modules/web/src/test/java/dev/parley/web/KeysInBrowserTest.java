package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.server.HubConfig;
import dev.parley.server.auth.AuthMode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The web page holds a key: on a token-mode hub the first sign-in under a new name claims it with a
 * key made in the browser, shown once with a copy button and a sign-in link for another device;
 * signing out forgets name, token and key (after a warning while the key was never copied); the
 * link signs in on a fresh browser. An open hub says on the page that anyone can read everything.
 */
class KeysInBrowserTest {
    private static final String STORAGE = "return JSON.stringify({local: Object.assign({}, localStorage),"
            + " session: Object.assign({}, sessionStorage)})";

    private static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start(1024, 720);
    }

    @AfterAll
    static void stopBrowser() {
        browser.close();
    }

    @Test
    void a_new_name_in_token_mode_gets_a_key_shown_once_and_sign_out_forgets_it(@TempDir Path dir) throws Exception {
        HubConfig config = new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withAuth(AuthMode.TOKEN);
        try (InProcessHub hub = InProcessHub.start(config)) {
            String base = "http://127.0.0.1:" + hub.port();
            ChatPage page = new ChatPage(browser, base);
            page.signIn("nina");

            WebElement dialog = browser.until(d -> page.visible("key-dialog"));
            String key = browser.byTestId("key-value").getAttribute("value");
            assertThat(key).matches("[A-Za-z0-9_-]{43}");
            assertThat(browser.byTestId("key-value").getAttribute("readonly")).isNotNull();
            assertThat(dialog.getText()).contains("This key proves you are nina. Keep it; you need it to sign in on "
                    + "another device. It is shown once.");
            String link = browser.byTestId("key-link").getAttribute("value");
            assertThat(link).startsWith(base + "/chat#signin=");
            assertThat(storage()).contains(key);
            assertThat(page.visible("open-notice")).as("no open-hub notice in token mode").isNull();
            browser.screenshot("key-dialog");
            browser.byTestId("key-done").click();
            browser.until(d -> page.visible("key-dialog") == null);

            // The hub holds a key for nina now: a connection without it is refused.
            assertThat(hub.hub().services().store().participants().keyHash("nina")).isPresent();
            try (RawSocket intruder = RawSocket.connect(hub.port())) {
                intruder.send("auth", "name", "nina");
                assertThat(intruder.await("error").path("code").asText()).isEqualTo("auth_failed");
            }

            browser.open(base + "/chat"); // reload: signed in silently, and the key is not shown again
            page.awaitOnline();
            assertThat(browser.byTestId("me-name").getText()).isEqualTo("nina");
            assertThat(page.visible("key-dialog")).isNull();

            // Signing out before the key was copied warns; cancel keeps everything.
            browser.byTestId("sign-out").click();
            WebElement confirm = browser.until(d -> page.visible("confirm-dialog"));
            assertThat(confirm.getText()).contains("You will not be able to sign in as nina again without your key");
            browser.byTestId("confirm-cancel").click();
            assertThat(page.visible("app")).isNotNull();
            assertThat(storage()).contains(key);

            // The key button shows it again after a confirmation; copying it counts as exporting.
            browser.byTestId("show-key").click();
            browser.until(d -> page.visible("confirm-dialog"));
            assertThat(browser.byTestId("confirm-ok").getText()).isEqualTo("Show key");
            browser.byTestId("confirm-ok").click();
            browser.until(d -> page.visible("key-dialog"));
            assertThat(browser.byTestId("key-value").getAttribute("value")).isEqualTo(key);
            browser.byTestId("key-copy").click();
            assertThat(browser.<String>until(d -> textOf("key-copy-status"))).containsAnyOf("copied", "selected");
            browser.byTestId("key-done").click();

            browser.byTestId("sign-out").click(); // exported: no warning this time
            browser.until(d -> page.visible("signin-name"));
            assertThat(storage()).doesNotContain(key).doesNotContain("nina");
            assertThat(page.visible("confirm-dialog")).isNull();

            // Without the key the name is refused, with a visible error; a wrong key keeps what was typed.
            browser.byTestId("signin-name").sendKeys("nina");
            browser.byTestId("signin-submit").click();
            assertThat(browser.<String>until(d -> textOf("signin-error"))).contains("claimed", "key");
            browser.byTestId("signin-key").sendKeys("not-the-key-of-nina");
            browser.byTestId("signin-submit").click();
            browser.until(d -> textOf("signin-error") != null && textOf("signin-error").contains("wrong key"));
            assertThat(browser.byTestId("signin-name").getAttribute("value")).isEqualTo("nina");
            assertThat(browser.byTestId("signin-key").getAttribute("value")).isEqualTo("not-the-key-of-nina");

            // A pasted sign-in link fills name and key.
            browser.byTestId("signin-key").clear();
            browser.byTestId("signin-name").clear();
            browser.byTestId("signin-key").sendKeys(link);
            assertThat(browser.byTestId("signin-name").getAttribute("value")).isEqualTo("nina");
            browser.byTestId("signin-submit").click();
            page.awaitOnline();
            assertThat(browser.byTestId("me-name").getText()).isEqualTo("nina");
            assertThat(page.visible("key-dialog")).as("a key brought from elsewhere is not shown again").isNull();

            // The link, opened in a fresh browser profile, signs in there.
            try (Browser other = Browser.start(1024, 720)) {
                ChatPage otherPage = new ChatPage(other, base);
                other.open(link);
                other.until(d -> otherPage.visible("signin-name"));
                assertThat(other.byTestId("signin-name").getAttribute("value")).isEqualTo("nina");
                assertThat((String) other.script("return location.hash")).as("the code leaves the address").isEmpty();
                other.byTestId("signin-submit").click();
                otherPage.awaitOnline();
                assertThat(other.byTestId("me-name").getText()).isEqualTo("nina");
            }
        }
    }

    @Test
    void an_open_hub_says_anyone_can_read_and_post_and_makes_no_key(@TempDir Path dir) throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            ChatPage page = new ChatPage(browser, "http://127.0.0.1:" + hub.port());
            page.signIn("otto");
            WebElement notice = browser.until(d -> page.visible("open-notice"));
            assertThat(notice.getText()).isEqualTo("Open hub: anyone on this network can read and post as anyone.");
            assertThat(page.visible("key-dialog")).isNull();
            assertThat(page.visible("show-key")).isNull();
            JsonNode stored = Json.mapper().readTree(storage()).path("local");
            assertThat(Json.mapper().readTree(stored.path("parley.chat.v1").asText()).path("key").asText()).isEmpty();
            assertThat(hub.hub().services().store().participants().keyHash("otto")).isEmpty();

            browser.byTestId("sign-out").click(); // no key: no warning
            assertThat(browser.until(d -> page.visible("signin-open-notice")).getText())
                    .isEqualTo("Open hub: anyone on this network can read and post as anyone.");
        }
    }

    private static String storage() {
        return (String) browser.script(STORAGE);
    }

    private static String textOf(String testId) {
        String text = browser.byTestId(testId).getText();
        return text.isBlank() ? null : text;
    }
}
