package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.HubConfig;
import dev.parley.server.auth.AuthMode;
import dev.parley.testing.InProcessHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in on a hub in {@code keys} mode: the key the hub issues is shown once, kept by the browser
 * and used for every later connection and REST write; a name claimed by someone else is refused with a clear
 * message on the sign-in form, and the right key lets its owner back in.
 */
class SignInTest {

    @Test
    void keeps_the_issued_key_and_refuses_a_claimed_name_without_it(@TempDir Path dir) throws Exception {
        HubConfig config = new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withAuth(AuthMode.KEYS);
        try (InProcessHub hub = InProcessHub.start(config); Browser browser = Browser.start(1024, 720)) {
            String base = "http://127.0.0.1:" + hub.port();
            ChatPage page = new ChatPage(browser, base);
            page.signIn("kim");
            String key = (String) browser.script("return JSON.parse(localStorage.getItem('parley.chat.v1')).key");
            assertThat(key).matches("[A-Za-z0-9_-]{43}");
            browser.until(d -> page.visible("key-dialog")); // the key the hub issued, shown once
            assertThat(browser.byTestId("key-value").getAttribute("value")).isEqualTo(key);
            browser.byTestId("key-done").click();
            browser.until(d -> page.visible("key-dialog") == null);

            browser.byTestId("create-channel").click(); // a REST write: needs kim's key
            browser.until(d -> page.visible("create-name")).sendKeys("kims-corner");
            browser.byTestId("create-submit").click();
            page.awaitActiveChannel("kims-corner");

            browser.open(base + "/chat");
            page.awaitOnline();
            assertThat(browser.byTestId("me-name").getText()).isEqualTo("kim");
            assertThat(page.visible("key-dialog")).as("shown once").isNull();

            browser.script("localStorage.clear()"); // another browser, as far as the hub can tell
            browser.open(base + "/chat");
            browser.until(d -> page.visible("signin-name")).sendKeys("kim");
            browser.byTestId("signin-submit").click();
            String error = browser.until(d -> {
                String text = browser.byTestId("signin-error").getText();
                return text.isEmpty() ? null : text;
            });
            assertThat(error).contains("claimed", "key");
            assertThat(browser.byTestId("signin-advanced").getAttribute("open")).isNotNull();
            browser.screenshot("sign-in-refused");

            browser.byTestId("signin-key").sendKeys(key);
            browser.byTestId("signin-submit").click();
            page.awaitOnline();
            assertThat(browser.byTestId("me-name").getText()).isEqualTo("kim");
        }
    }
}
