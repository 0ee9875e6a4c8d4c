package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Finding one's way on the page: the "?" shortcuts dialog, Esc closing search wherever the focus is (and a channel
 * switch closing it too), and links to one message (/chat#m=id) that open its channel and show it. One hub and one
 * browser (ada); carol writes over REST.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyboardHelpAndMessageLinksTest {
    private OnePersonOnAHub fixture;
    private HubRest rest;
    private Browser browser;
    private ChatPage ada;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        fixture = OnePersonOnAHub.start(dir, "ada", rest -> {
            rest.createChannel("links", "carol", "");
            rest.join("links", "ada");
        });
        rest = fixture.rest;
        browser = fixture.browser;
        ada = fixture.page;
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void question_mark_lists_the_shortcuts_and_esc_closes_the_list_returning_the_focus() {
        ada.openChannel("general");
        WebElement input = ada.composer();
        input.sendKeys("why?");
        assertThat(browser.byTestId("shortcuts-dialog").isDisplayed()).as("a ? typed in a message is text").isFalse();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);

        browser.byTestId("message-list").click();
        new Actions(browser.driver()).sendKeys("?").perform();
        WebElement dialog = browser.until(d -> ada.visible("shortcuts-dialog"));
        List<String> rows = dialog.findElements(Browser.testId("shortcut")).stream().map(WebElement::getText).toList();
        assertThat(rows).anyMatch(r -> r.contains("Ctrl") && r.contains("K") && r.contains("Search messages"))
                .anyMatch(r -> r.contains("Alt") && r.contains("Next conversation"))
                .anyMatch(r -> r.contains("Esc"));
        browser.screenshot("shortcuts-help");

        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        browser.until(d -> !dialog.isDisplayed());
        assertThat(browser.script("return document.activeElement.dataset.testid")).isEqualTo("message-list");
    }

    @Test
    void esc_closes_search_though_the_focus_is_elsewhere_and_a_channel_switch_closes_it_too() {
        rest.send("carol", "general", "the search word is kumquat");
        ada.openChannel("general");
        ada.awaitMessage("kumquat");
        search("kumquat");
        browser.byTestId("message-list").click(); // the focus leaves the search box and the panel
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        browser.until(d -> !browser.byTestId("side-panel").isDisplayed());
        assertThat(browser.byTestId("search-input").getAttribute("value")).isEmpty();

        search("kumquat");
        ada.openChannel("links");
        browser.until(d -> !browser.byTestId("side-panel").isDisplayed());
        assertThat(browser.byTestId("search-input").getAttribute("value")).isEmpty();
    }

    @Test
    void copy_link_gives_the_message_address_and_opening_it_shows_the_message_in_its_channel() {
        JsonNode linked = rest.send("carol", "links", "the message worth a link");
        String id = linked.path("message_id").asText();
        ada.openChannel("links");
        ada.awaitMessage("worth a link");
        browser.script("window.__copied = null;"
                + "navigator.clipboard.writeText = async (text) => { window.__copied = text; };");
        ada.action("worth a link", "copy-link");
        String link = browser.until(d -> (String) browser.script("return window.__copied;"));
        assertThat(link).isEqualTo(rest.base() + "/chat#m=" + id);
        browser.until(d -> d.findElements(Browser.testId("toast")).stream().anyMatch(t -> t.getText().contains("copied")));

        ada.openChannel("general");
        browser.open(link); // a fresh load: signed in from this browser's storage
        ada.awaitOnline();
        ada.awaitActiveChannel("links");
        browser.until(d -> ada.message("worth a link").getAttribute("class").contains("msg-flash"));
        assertThat(browser.script("return location.hash")).as("the address is plain /chat again").isEqualTo("");

        ada.openChannel("general");
        browser.script("location.hash = arguments[0];", "m=" + id); // a link followed inside the open page
        ada.awaitActiveChannel("links");
        browser.until(d -> ada.message("worth a link").getAttribute("class").contains("msg-flash"));
    }

    private void search(String query) {
        WebElement search = browser.byTestId("search-input");
        search.sendKeys(query, Keys.ENTER);
        browser.until(d -> !d.findElements(By.cssSelector("[data-testid='search-result']")).isEmpty());
    }
}
