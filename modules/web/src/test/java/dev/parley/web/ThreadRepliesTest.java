package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Threads as Slack keeps them: a reply in the thread panel (also from a reply's own "Reply" action there) goes to the
 * root and stays out of the channel's timeline unless "Also send to #channel" is ticked, which the hub stores as
 * metadata {"parley_broadcast": true}; the root counts every reply of its thread, replies to replies too. One hub and
 * one browser (ada); carol writes over REST, as an agent would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreadRepliesTest {
    private OnePersonOnAHub fixture;
    private HubRest rest;
    private Browser browser;
    private ChatPage ada;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        fixture = OnePersonOnAHub.start(dir, "ada");
        rest = fixture.rest;
        browser = fixture.browser;
        ada = fixture.page;
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void thread_replies_go_to_the_root_stay_in_the_thread_unless_also_sent_and_all_count_on_the_root() {
        JsonNode root = rest.send("carol", "general", "Thread root: which database?");
        String rootId = root.path("message_id").asText();
        JsonNode reply = rest.post("/api/send", Json.mapper().createObjectNode().put("sender", "carol")
                .put("channel", "general").put("body", "carol answers the root").put("reply_to", rootId));
        rest.post("/api/send", Json.mapper().createObjectNode().put("sender", "carol").put("channel", "general")
                .put("body", "carol answers her own answer").put("reply_to", reply.path("message_id").asText()));
        ada.awaitMessage("answers her own answer");
        browser.until(d -> "2 replies".equals(threadLink("which database").getText()));

        threadLink("which database").click();
        WebElement panel = browser.until(d -> ada.visible("side-panel"));
        browser.until(d -> panel.findElements(Browser.testId("message")).size() == 3);

        // The panel's own "Reply" on a reply: the panel's composer, replying to the root.
        WebElement inPanel = panel.findElements(Browser.testId("message")).stream()
                .filter(m -> m.getText().contains("carol answers the root")).findFirst().orElseThrow();
        new Actions(browser.driver()).moveToElement(inPanel).perform();
        inPanel.findElement(Browser.testId("action-reply")).click();
        WebElement input = panel.findElement(Browser.testId("composer-input"));
        assertThat(browser.script("return document.activeElement === arguments[0]", input)).isEqualTo(true);
        input.sendKeys("postgres, kept in the thread\n");
        browser.until(d -> panel.findElements(Browser.testId("message")).size() == 4);
        browser.until(d -> "3 replies".equals(threadLink("which database").getText()));
        assertThat(ada.hasMessage("kept in the thread")).as("not in the channel's timeline").isFalse();

        panel.findElement(Browser.testId("thread-broadcast")).click();
        panel.findElement(Browser.testId("composer-input")).sendKeys("postgres it is, told to all\n");
        WebElement shared = ada.awaitMessage("told to all");
        assertThat(shared.findElement(Browser.testId("message-quote")).getText()).contains("which database");
        browser.until(d -> "4 replies".equals(threadLink("which database").getText()));
        browser.screenshot("thread-broadcast");

        JsonNode stored = rest.get("/api/messages/general");
        JsonNode kept = find(stored, "kept in the thread");
        JsonNode told = find(stored, "told to all");
        assertThat(kept.path("reply_to").asText()).isEqualTo(rootId);
        assertThat(kept.path("metadata").path("parley_broadcast").asBoolean(true)).isFalse();
        assertThat(told.path("reply_to").asText()).isEqualTo(rootId);
        assertThat(told.path("metadata").path("parley_broadcast").asBoolean()).isTrue();
        assertThat(panel.findElements(By.cssSelector(".msg-metadata"))).as("the flag is not shown as data").isEmpty();
        browser.byTestId("panel-close").click();
    }

    private WebElement threadLink(String rootText) {
        return ada.message(rootText).findElement(Browser.testId("thread-link"));
    }

    private static JsonNode find(JsonNode messages, String text) {
        return StreamSupport.stream(messages.spliterator(), false).filter(m -> m.path("body").asText().contains(text))
                .findFirst().orElseThrow();
    }
}
