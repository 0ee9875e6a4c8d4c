package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Emoji on the page: :shortcodes: become emoji when sent (so the hub stores the emoji), ":" and two letters complete
 * an emoji, the composer's emoji button and the reaction menu's "More reactions" open the full picker with search.
 * One hub and one browser (ada); carol writes over REST.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmojiPickerAndShortcodesTest {
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
    void shortcodes_become_emoji_when_sent_but_not_in_code_or_when_unknown() {
        ada.send("ship it :+1: :tada: :smile: :no-such-emoji: `:tada:`");
        WebElement body = ada.awaitMessage("ship it").findElement(Browser.testId("message-body"));
        assertThat(body.getText()).startsWith("ship it 👍 🎉 😄 :no-such-emoji:");
        assertThat(body.findElement(By.tagName("code")).getText()).isEqualTo(":tada:");

        JsonNode stored = rest.get("/api/messages/general?participant=ada");
        assertThat(StreamSupport.stream(stored.spliterator(), false)
                .map(m -> m.path("body").asText()))
                .as("the hub stores the emoji").contains("ship it 👍 🎉 😄 :no-such-emoji: `:tada:`");
    }

    @Test
    void colon_and_two_letters_complete_an_emoji() {
        WebElement input = ada.composer();
        input.sendKeys("done :t");
        assertThat(browser.byTestId("emoji-menu").isDisplayed()).as("one letter is not enough").isFalse();
        input.sendKeys("ad");
        WebElement first = browser.until(d -> {
            List<WebElement> options = d.findElements(Browser.testId("emoji-suggestion"));
            return options.isEmpty() || !options.get(0).isDisplayed() ? null : options.get(0);
        });
        assertThat(first.getAttribute("data-emoji")).isEqualTo("🎉");
        assertThat(input.getAttribute("aria-expanded")).isEqualTo("true");
        input.sendKeys(Keys.ENTER); // picks; does not send
        assertThat(input.getAttribute("value")).isEqualTo("done 🎉 ");
        assertThat(browser.byTestId("emoji-menu").isDisplayed()).isFalse();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    }

    @Test
    void the_composer_emoji_button_opens_the_picker_which_searches_by_name() {
        WebElement input = ada.composer();
        input.sendKeys("launch ");
        WebElement button = browser.byTestId("composer").findElement(Browser.testId("composer-emoji"));
        button.click();
        WebElement picker = browser.until(d -> ada.visible("emoji-picker"));
        assertThat(picker.findElements(Browser.testId("emoji-category"))).hasSizeGreaterThanOrEqualTo(8);
        assertThat(picker.findElements(Browser.testId("emoji-option")).size()).as("a few hundred emoji")
                .isGreaterThan(300);
        browser.screenshot("emoji-picker");
        picker.findElement(Browser.testId("emoji-search")).sendKeys("rocket");
        browser.until(d -> picker.findElements(Browser.testId("emoji-option")).size() < 5);
        picker.findElement(By.cssSelector("[data-testid='emoji-option'][data-emoji='🚀']")).click();
        browser.until(d -> ada.visible("emoji-picker") == null);
        assertThat(input.getAttribute("value")).isEqualTo("launch 🚀");
        assertThat(browser.script("return document.activeElement.dataset.testid")).isEqualTo("composer-input");

        button.click();
        browser.until(d -> ada.visible("emoji-picker"));
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.until(d -> ada.visible("emoji-picker") == null);
        assertThat(browser.script("return document.activeElement.dataset.testid")).isEqualTo("composer-emoji");
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    }

    @Test
    void more_reactions_reacts_with_any_emoji_of_the_picker() {
        rest.send("carol", "general", "react to me with a unicorn");
        ada.awaitMessage("with a unicorn");
        ada.action("with a unicorn", "react");
        browser.until(d -> d.findElement(Browser.testId("reaction-more"))).click();
        WebElement picker = browser.until(d -> ada.visible("emoji-picker"));
        picker.findElement(Browser.testId("emoji-search")).sendKeys("unicorn", Keys.ENTER);
        browser.until(d -> {
            List<WebElement> reactions = ada.message("with a unicorn").findElements(Browser.testId("reaction"));
            return reactions.stream().anyMatch(r -> "🦄".equals(r.getAttribute("data-emoji")));
        });
    }
}
