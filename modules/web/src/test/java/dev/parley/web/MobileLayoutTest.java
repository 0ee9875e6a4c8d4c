package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.InProcessHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The chat on a phone-sized screen (375x740): the sidebar folds away behind a menu button. */
class MobileLayoutTest {

    @Test
    void a_phone_sized_screen_shows_the_conversation_with_a_collapsible_sidebar(@TempDir Path dir) throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             Browser browser = Browser.start(375, 740)) {
            HubRest rest = new HubRest(hub.port());
            rest.send("grace", "general", "Morning! Standup moved to **10:30**.");
            rest.createChannel("mobile-team", "grace", "Phones and tablets");
            ChatPage page = new ChatPage(browser, rest.base());
            browser.open(rest.base() + "/chat");
            browser.screenshot("mobile-sign-in");
            page.signIn("mo");
            page.awaitMessage("Standup moved");

            assertThat(browser.byTestId("sidebar").isDisplayed()).isFalse();
            WebElement toggle = browser.byTestId("sidebar-toggle");
            assertThat(toggle.isDisplayed()).isTrue();
            assertThat(browser.byTestId("composer").isDisplayed()).isTrue();
            assertThat(browser.script("return document.documentElement.scrollWidth")).isEqualTo(375L);
            browser.screenshot("mobile-conversation");

            toggle.click();
            browser.until(d -> browser.byTestId("sidebar").isDisplayed()
                    && browser.byTestId("sidebar").getRect().getX() == 0);
            assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
            browser.screenshot("mobile-sidebar-open");

            browser.byTestId("browse-channels").click();
            browser.until(d -> d.findElement(By.cssSelector("[data-testid='join-channel'][data-channel='mobile-team']")))
                    .click();
            page.awaitActiveChannel("mobile-team");
            browser.until(d -> !browser.byTestId("sidebar").isDisplayed());
            page.send("Hello from my phone");
            page.awaitMessage("Hello from my phone");

            toggle.click();
            browser.until(d -> browser.byTestId("sidebar").isDisplayed());
            new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
            browser.until(d -> !browser.byTestId("sidebar").isDisplayed());
            assertThat(browser.script("return document.documentElement.scrollWidth")).isEqualTo(375L);
            browser.screenshot("mobile-after-joining");
        }
    }
}
