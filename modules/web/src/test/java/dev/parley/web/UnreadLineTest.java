package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The "New" line above the first unread message of a channel opened with unread messages, and the "Jump to first
 * unread" button while the line is out of view. One hub and one browser (ada); carol writes over REST.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreadLineTest {
    private static final String FIRST_AFTER_LINE = "let n = document.querySelector(\"[data-testid='unread-divider']\");"
            + "while (n && n.dataset.testid !== 'message') n = n.nextElementSibling;"
            + "return n ? n.querySelector(\"[data-testid='message-body']\").innerText : null;";

    private OnePersonOnAHub fixture;
    private HubRest rest;
    private Browser browser;
    private ChatPage ada;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        fixture = OnePersonOnAHub.start(dir, "ada", rest -> {
            rest.createChannel("news", "carol", "");
            rest.join("news", "ada");
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
    void a_channel_opened_with_unread_messages_shows_the_new_line_and_a_jump_to_it() {
        ada.openChannel("news");
        rest.send("carol", "news", "old news, read as it came");
        ada.awaitMessage("read as it came");
        browser.until(d -> ada.unread("news") == 0);
        assertThat(browser.allByTestId("unread-divider")).as("nothing unread, no line").isEmpty();
        ada.openChannel("general");
        for (int i = 1; i <= 25; i++) {
            rest.send("carol", "news", "news item " + i + "\nwith a second line\nand a third");
        }
        browser.until(d -> ada.unread("news") == 25);

        ada.openChannel("news");
        ada.awaitMessage("news item 25");
        browser.until(d -> !browser.allByTestId("unread-divider").isEmpty());
        assertThat(((String) browser.script(FIRST_AFTER_LINE)).trim()).startsWith("news item 1\n");
        WebElement jump = browser.until(d -> ada.visible("jump-unread"));
        browser.screenshot("unread-jump");

        jump.click();
        browser.until(d -> !jump.isDisplayed());
        assertThat(browser.script("const r = document.querySelector(\"[data-testid='unread-divider']\")"
                + ".getBoundingClientRect(); const l = document.querySelector(\"[data-testid='message-list']\")"
                + ".getBoundingClientRect(); return r.top >= l.top && r.bottom <= l.bottom;"))
                .as("the line is in view").isEqualTo(true);
        assertThat(browser.script("return document.activeElement.innerText")).asString().contains("news item 1");

        ada.openChannel("general");
        browser.until(d -> ada.unread("news") == 0);
        ada.openChannel("news");
        assertThat(browser.allByTestId("unread-divider")).as("read by now: no line").isEmpty();
        assertThat(browser.byTestId("jump-unread").isDisplayed()).isFalse();
    }
}
