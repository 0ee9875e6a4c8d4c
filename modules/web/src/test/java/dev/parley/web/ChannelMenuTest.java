package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RestProbe;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The channel menu in real Chromium: its creator renames, archives, unarchives and deletes a channel from the page;
 * a change another member makes (the topic, over REST) shows without a reload; general has no menu.
 */
class ChannelMenuTest {
    @TempDir
    Path dir;

    @Test
    void the_creator_renames_archives_and_deletes_and_a_members_topic_arrives_live() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir); Browser browser = Browser.start(1280, 800)) {
            HubRest rest = new HubRest(hub.port());
            ChatPage ada = new ChatPage(browser, rest.base()).signIn("ada");
            ada.openChannel("general");
            assertThat(browser.byTestId("channel-menu-toggle").isDisplayed()).as("general has no menu").isFalse();

            browser.byTestId("create-channel").click();
            browser.until(d -> ada.visible("create-name")).sendKeys("plans");
            browser.byTestId("create-submit").click();
            ada.awaitActiveChannel("plans");

            rest.join("plans", "grace");
            rest.post("/api/channels/topic", Json.mapper().createObjectNode().put("channel", "plans")
                    .put("participant", "grace").put("topic", "q3 roadmap"));
            browser.until(d -> browser.byTestId("channel-subtitle").getText().equals("q3 roadmap"));

            WebElement name = openMenu(browser, ada).findElement(Browser.testId("channel-name-input"));
            name.clear();
            name.sendKeys("plans-q3");
            browser.byTestId("channel-menu-save").click();
            ada.awaitActiveChannel("plans-q3");
            assertThat(browser.byTestId("channel-title").getText()).contains("plans-q3");
            assertThat(browser.driver().findElements(By.cssSelector("[data-channel='plans']"))).isEmpty();

            openMenu(browser, ada).findElement(Browser.testId("channel-archive")).click();
            browser.until(d -> browser.byTestId("channel-subtitle").getText().startsWith("Archived"));
            HttpResponse<String> refused = RestProbe.at(hub.port()).post("/api/send",
                    "{\"sender\":\"grace\",\"channel\":\"plans-q3\",\"body\":\"anyone?\"}");
            assertThat(refused.statusCode()).isEqualTo(409);
            openMenu(browser, ada).findElement(Browser.testId("channel-archive")).click();
            browser.until(d -> browser.byTestId("channel-subtitle").getText().equals("q3 roadmap"));

            openMenu(browser, ada).findElement(Browser.testId("channel-delete")).click();
            browser.until(d -> ada.visible("confirm-dialog")).findElement(Browser.testId("confirm-ok")).click();
            ada.awaitActiveChannel("general");
            browser.until(d -> d.findElements(By.cssSelector("[data-channel='plans-q3']")).isEmpty());
            JsonNode channels = rest.get("/api/channels?include_archived=true");
            assertThat(channels.toString()).doesNotContain("plans-q3");
            assertThat(browser.consoleErrors()).noneMatch(e -> e.contains("Uncaught"));
        }
    }

    private static WebElement openMenu(Browser browser, ChatPage page) {
        browser.byTestId("channel-menu-toggle").click();
        return browser.until(d -> page.visible("channel-menu"));
    }
}
