package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.InProcessHub;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Two people in two browsers (alice and bob) on one real hub, plus carol, a REST participant.
 * The browsers and the hub are shared by the tests of this class (each test opens the channel it
 * needs and uses its own texts), which keeps the suite to a few seconds per scenario.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationTest {
    private InProcessHub hub;
    private HubRest rest;
    private Browser aliceBrowser;
    private Browser bobBrowser;
    private ChatPage alice;
    private ChatPage bob;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        hub = InProcessHub.start(dir);
        rest = new HubRest(hub.port());
        aliceBrowser = Browser.start(1280, 800);
        bobBrowser = Browser.start(1280, 800);
        alice = new ChatPage(aliceBrowser, rest.base()).signIn("alice");
        bob = new ChatPage(bobBrowser, rest.base()).signIn("bob");
    }

    @AfterAll
    void stop() {
        try {
            assertThat(aliceBrowser.consoleErrors()).as("alice's console").noneMatch(e -> e.contains("Uncaught"));
            assertThat(bobBrowser.consoleErrors()).as("bob's console").noneMatch(e -> e.contains("Uncaught"));
        } finally {
            aliceBrowser.close();
            bobBrowser.close();
            hub.close();
        }
    }

    private void bothIn(String channel) {
        alice.openChannel(channel);
        bob.openChannel(channel);
    }

    @Test
    void sends_and_receives_live_with_markdown_and_line_breaks() {
        bothIn("general");

        alice.send("Hello **bob**, this is *live* with `code` and https://example.org/docs\nsecond line");
        alice.send("```\nlet answer = 42;\n```");

        WebElement body = bob.awaitMessage("this is").findElement(Browser.testId("message-body"));
        assertThat(body.findElement(By.tagName("strong")).getText()).isEqualTo("bob");
        assertThat(body.findElement(By.tagName("em")).getText()).isEqualTo("live");
        assertThat(body.findElement(By.cssSelector("code.md-code")).getText()).isEqualTo("code");
        WebElement link = body.findElement(By.tagName("a"));
        assertThat(link.getAttribute("href")).isEqualTo("https://example.org/docs");
        assertThat(link.getAttribute("rel")).contains("noopener");
        assertThat(link.getAttribute("target")).isEqualTo("_blank");
        assertThat(body.findElements(By.tagName("br"))).hasSize(1);
        assertThat(bob.awaitMessage("let answer").findElement(By.cssSelector("pre.md-code-block")).getText())
                .isEqualTo("let answer = 42;");
        aliceBrowser.until(d -> "2".equals(alice.ticks("this is"))); // bob has the channel open: read at once
        assertThat(alice.message("this is").getAttribute("data-sender")).isEqualTo("alice");
        bobBrowser.screenshot("conversation-live-markdown");
    }

    @Test
    void replies_show_a_quoted_preview_and_gather_in_a_thread() {
        bothIn("general");
        rest.send("carol", "general", "Which release should we test next?");

        bob.awaitMessage("Which release");
        bob.action("Which release", "reply");
        assertThat(bobBrowser.byTestId("composer-context").getText()).contains("Replying to", "carol");
        bob.send("Let's test 1.4 first");

        WebElement reply = alice.awaitMessage("test 1.4 first");
        assertThat(reply.findElement(Browser.testId("message-quote")).getText()).contains("carol", "Which release");
        WebElement threadLink = aliceBrowser.until(d -> alice.message("Which release")
                .findElements(Browser.testId("thread-link")).stream().findFirst().orElse(null));
        assertThat(threadLink.getText()).isEqualTo("1 reply");
        threadLink.click();
        WebElement panel = aliceBrowser.until(d -> alice.visible("side-panel"));
        aliceBrowser.until(d -> panel.findElements(Browser.testId("message")).size() == 2);
        WebElement threadInput = panel.findElement(Browser.testId("composer-input"));
        threadInput.sendKeys("Agreed, 1.4 it is");
        threadInput.sendKeys(Keys.ENTER);

        aliceBrowser.until(d -> panel.findElements(Browser.testId("message")).size() == 3);
        bobBrowser.until(d -> bob.message("Which release").findElement(Browser.testId("thread-link")).getText()
                .equals("2 replies"));
        assertThat(bob.hasMessage("Agreed, 1.4")).as("a reply in the thread stays there").isFalse();
        aliceBrowser.screenshot("conversation-thread");
        aliceBrowser.byTestId("panel-close").click();
        aliceBrowser.until(d -> alice.visible("side-panel") == null);

        // Opened from a reply, the thread is its root's, and a reply there (with @ completion) stays in it.
        bob.action("test 1.4 first", "thread");
        WebElement bobPanel = bobBrowser.until(d -> bob.visible("side-panel"));
        bobBrowser.until(d -> bobPanel.findElements(Browser.testId("message")).size() == 3);
        WebElement bobInput = bobPanel.findElement(Browser.testId("composer-input"));
        bobInput.sendKeys("thanks @ali");
        WebElement option = bobBrowser.until(d -> bobPanel.findElements(Browser.testId("mention-option")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(option.getAttribute("data-name")).isEqualTo("alice");
        bobInput.sendKeys(Keys.ENTER);
        assertThat(bobInput.getAttribute("value")).isEqualTo("thanks @alice ");
        bobPanel.findElement(Browser.testId("thread-broadcast")).click(); // also sent to the channel
        bobInput.sendKeys("for the call", Keys.ENTER);
        bobBrowser.until(d -> bobPanel.findElements(Browser.testId("message")).size() == 4);
        aliceBrowser.until(d -> alice.message("Which release").findElement(Browser.testId("thread-link")).getText()
                .equals("3 replies"));
        assertThat(alice.awaitMessage("thanks @alice").findElement(Browser.testId("message-quote")).getText())
                .as("a reply to the root, in the channel too").contains("Which release");
        assertThat(bobPanel.findElement(Browser.testId("thread-broadcast")).isSelected()).as("for one reply").isFalse();
        bobBrowser.byTestId("panel-close").click();
    }

    @Test
    void edits_and_deletes_only_ones_own_messages() {
        bothIn("general");
        alice.send("Standup at 10");
        WebElement seenByBob = bob.awaitMessage("Standup at 10");
        assertThat(seenByBob.findElements(Browser.testId("action-edit"))).isEmpty();
        assertThat(seenByBob.findElements(Browser.testId("action-delete"))).isEmpty();

        alice.action("Standup at 10", "edit");
        WebElement input = alice.composer();
        assertThat(input.getAttribute("value")).isEqualTo("Standup at 10");
        input.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, "11");
        input.sendKeys(Keys.ENTER);

        WebElement edited = bob.awaitMessage("Standup at 11");
        assertThat(edited.findElement(Browser.testId("edited-mark")).getText()).isEqualTo("(edited)");
        String id = edited.getAttribute("data-message-id");

        alice.awaitMessage("Standup at 11");
        alice.action("Standup at 11", "delete");
        aliceBrowser.until(d -> alice.visible("confirm-dialog")).findElement(Browser.testId("confirm-ok")).click();

        bobBrowser.until(d -> d.findElement(By.cssSelector("[data-message-id='" + id + "'] [data-testid='message-body']"))
                .getText().equals("This message was deleted"));
        assertThat(bob.hasMessage("Standup at 11")).isFalse();
    }

    @Test
    void reactions_are_counted_on_both_sides_and_toggle() {
        bothIn("general");
        alice.send("Ship it?");

        bob.awaitMessage("Ship it?");
        bob.react("Ship it?", "👍");
        WebElement chip = aliceBrowser.until(d -> alice.message("Ship it?").findElements(Browser.testId("reaction"))
                .stream().findFirst().orElse(null));
        assertThat(chip.getAttribute("data-emoji")).isEqualTo("👍");
        assertThat(chip.getAttribute("data-count")).isEqualTo("1");
        chip.click();
        bobBrowser.until(d -> "2".equals(reaction(bob, "Ship it?").getAttribute("data-count")));
        assertThat(reaction(alice, "Ship it?").getAttribute("aria-pressed")).isEqualTo("true");
        reaction(alice, "Ship it?").click();
        bobBrowser.until(d -> "1".equals(reaction(bob, "Ship it?").getAttribute("data-count")));
    }

    private static WebElement reaction(ChatPage page, String text) {
        return page.message(text).findElement(Browser.testId("reaction"));
    }

    @Test
    void typing_indicator_appears_while_someone_types_and_disappears() {
        bothIn("general");

        int composerTop = alice.composer().getRect().getY();
        bob.composer().sendKeys("I am thinking about");
        aliceBrowser.until(d -> alice.typingText().equals("bob is typing…"));
        assertThat(alice.composer().getRect().getY()).as("no layout jump").isEqualTo(composerTop);
        aliceBrowser.until(d -> alice.typingText().isEmpty()); // a few seconds without typing
        assertThat(aliceBrowser.byTestId("typing-indicator").getAttribute("data-active")).isEqualTo("false");

        bob.composer().sendKeys(" it");
        aliceBrowser.until(d -> alice.typingText().equals("bob is typing…"));
        bob.composer().sendKeys(Keys.ENTER);
        alice.awaitMessage("I am thinking about it");
        aliceBrowser.until(d -> alice.typingText().isEmpty()); // the message ends the typing at once
    }

    @Test
    void a_dm_from_the_people_list_counts_unread_and_receipts_turn_from_one_tick_to_two() {
        bob.openChannel("general");
        alice.openChannel("general");
        aliceBrowser.until(d -> d.findElement(By.cssSelector("[data-testid='participant-item'][data-name='bob']"))).click();
        alice.awaitActiveChannel("dm:alice:bob");
        assertThat(aliceBrowser.byTestId("channel-title").getText()).endsWith("bob");

        alice.send("Private question for you");
        alice.send("Can you review my PR?");
        aliceBrowser.until(d -> "1".equals(alice.ticks("review my PR")));
        bobBrowser.until(d -> bob.unread("dm:alice:bob") == 2);
        assertThat(alice.ticks("Private question")).isEqualTo("1");
        bobBrowser.screenshot("dm-unread-badge");

        bob.openChannel("dm:alice:bob");
        bob.awaitMessage("review my PR");

        aliceBrowser.until(d -> "2".equals(alice.ticks("review my PR")));
        aliceBrowser.until(d -> "2".equals(alice.ticks("Private question")));
        assertThat(alice.message("review my PR").getAttribute("data-status")).isEqualTo("read");
        assertThat(bob.unread("dm:alice:bob")).isZero();
        aliceBrowser.screenshot("dm-read-receipts");
    }

    @Test
    void unread_badge_counts_messages_elsewhere_and_clears_for_good_when_read() {
        bob.openChannel("general");
        rest.createChannel("ops", "carol", "Operations");
        rest.join("ops", "bob");
        for (int i = 1; i <= 3; i++) {
            rest.send("carol", "ops", "ops alert " + i);
        }

        bobBrowser.until(d -> bob.unread("ops") == 3);
        bob.openChannel("ops");
        bob.awaitMessage("ops alert 3");
        bobBrowser.until(d -> !rest.get("/api/unread/bob").findValuesAsText("channel_name").contains("ops"));

        bobBrowser.open(rest.base() + "/chat");
        bob.awaitOnline();
        bob.awaitActiveChannel("ops");
        bob.openChannel("general");
        assertThat(bob.unread("ops")).isZero();
    }

    @Test
    void creates_a_channel_that_another_person_finds_and_joins() {
        alice.openChannel("general");
        aliceBrowser.byTestId("create-channel").click();
        aliceBrowser.until(d -> alice.visible("create-name")).sendKeys("Release Planning");
        aliceBrowser.byTestId("create-topic").sendKeys("Shipping 1.4");
        aliceBrowser.byTestId("create-submit").click();
        alice.awaitActiveChannel("release-planning");
        assertThat(aliceBrowser.byTestId("channel-subtitle").getText()).isEqualTo("Shipping 1.4");
        alice.send("Kick-off notes are in the wiki");

        bob.openChannel("general");
        bobBrowser.byTestId("browse-channels").click();
        bobBrowser.until(d -> d.findElement(By.cssSelector("[data-testid='join-channel'][data-channel='release-planning']")))
                .click();
        bob.awaitActiveChannel("release-planning");
        bob.awaitMessage("Kick-off notes");
    }

    @Test
    void search_finds_a_message_and_jumps_to_it() {
        rest.send("carol", "general", "The deployment codeword is pineapple-42");
        bob.openChannel("general");

        WebElement search = bobBrowser.byTestId("search-input");
        search.sendKeys("pineapple");
        search.sendKeys(Keys.ENTER);
        WebElement result = bobBrowser.until(d -> d.findElements(Browser.testId("search-result")).stream().findFirst()
                .orElse(null));
        assertThat(result.getText()).contains("#general", "carol", "pineapple-42");
        assertThat(result.findElement(By.tagName("mark")).getText()).isEqualTo("pineapple");
        bobBrowser.screenshot("search-results");
        result.click();

        bobBrowser.until(d -> bob.message("codeword is pineapple").getAttribute("class").contains("msg-flash"));
        bobBrowser.byTestId("panel-close").click();
    }

    @Test
    void html_script_and_javascript_links_in_messages_stay_inert_text() {
        bothIn("general");
        List<String> payloads = List.of(
                "<img src=x onerror=\"window.__pwned='img'\">",
                "<script>window.__pwned='script'</script>",
                "[click me](javascript:window.__pwned='link')",
                "javascript:alert(document.cookie)",
                "<a href=\"javascript:alert(1)\">plain anchor</a>",
                "**<b onmouseover=alert(1)>bold</b>**",
                "`<svg onload=alert(1)>`",
                "https://example.org/\"><img src=x onerror=alert(1)>");
        for (String payload : payloads) {
            rest.send("carol", "general", payload);
        }
        alice.send("<iframe src=\"javascript:alert(1)\"></iframe> typed by hand");

        bob.awaitMessage("typed by hand"); // sent after the others: they are all there
        assertThat(bob.hasMessage("example.org")).isTrue();
        assertThatThrownBy(() -> bobBrowser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(bobBrowser.script("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(bobBrowser.script("return document.querySelectorAll('[data-testid=message-body] img, "
                + "[data-testid=message-body] script, [data-testid=message-body] iframe, [data-testid=message-body] svg, "
                + "[data-testid=message-body] b, [data-testid=message-body] [onerror], [data-testid=message-body] [onload], "
                + "[data-testid=message-body] [onmouseover]').length")).isEqualTo(0L);
        assertThat(bobBrowser.script("return Array.from(document.querySelectorAll('[data-testid=message-body] a'))"
                + ".every(a => a.protocol === 'http:' || a.protocol === 'https:')")).isEqualTo(true);
        assertThat(bob.message("onerror").findElement(Browser.testId("message-body")).getText())
                .isEqualTo("<img src=x onerror=\"window.__pwned='img'\">");
        assertThat(bob.message("click me").findElement(Browser.testId("message-body")).getText())
                .isEqualTo("[click me](javascript:window.__pwned='link')");
        bobBrowser.screenshot("xss-inert");
    }

    @Test
    void loads_older_history_at_the_top_and_offers_new_messages_when_scrolled_up() {
        rest.createChannel("archive", "archivist", "Old news");
        try (SocketParticipant archivist = SocketParticipant.connect(hub.port(), "archivist", "service")) {
            archivist.sendAll("archive", IntStream.rangeClosed(1, 130).mapToObj(i -> "archive entry " + i).toList());
        }
        rest.join("archive", "bob"); // joins at the newest message: the archive is history, not unread
        rest.send("carol", "archive", "the archive is open");
        bobBrowser.until(d -> bob.unread("archive") == 1);
        bob.openChannel("archive");
        bob.awaitMessage("archive entry 130");
        assertThat(bob.countExactly("archive entry 1")).isZero();
        assertThat(bobBrowser.allByTestId("day-separator").get(0).getText()).isEqualTo("Today");

        WebElement list = bobBrowser.byTestId("message-list");
        bobBrowser.until(d -> {
            bobBrowser.script("arguments[0].scrollTop = 0", list);
            return !d.findElements(Browser.testId("timeline-start")).isEmpty();
        });
        bobBrowser.until(d -> bob.countExactly("archive entry 1") == 1);
        assertThat(bob.countContaining("archive entry ")).isEqualTo(130);
        assertThat(bob.messages().get(0).getText()).contains("archive entry 1");

        rest.send("carol", "archive", "fresh news");
        WebElement button = bobBrowser.until(d -> bob.visible("new-messages"));
        assertThat(button.getText()).isEqualTo("1 new message");
        bobBrowser.screenshot("new-messages-button");
        button.click();
        bobBrowser.until(d -> bob.visible("new-messages") == null);
        bobBrowser.until(d -> (Boolean) bobBrowser.script("const s = arguments[0];"
                + "return s.scrollHeight - s.scrollTop - s.clientHeight < 48", list));
        assertThat(bob.message("fresh news").isDisplayed()).isTrue();
    }

    @Test
    void the_keyboard_is_enough_to_send_edit_search_and_switch_channels() {
        rest.createChannel("keyboard", "carol", "");
        rest.join("keyboard", "alice");
        rest.send("carol", "keyboard", "a second channel to switch to");
        alice.channelItem("keyboard");
        alice.openChannel("general");
        WebElement input = alice.composer();
        input.sendKeys("typed without a mouse");
        input.sendKeys(Keys.ENTER);
        alice.awaitMessage("typed without a mouse");
        // Shown at once, but only editable once the hub stored it: before that, Up would edit an older message.
        aliceBrowser.until(d -> !"0".equals(alice.ticks("typed without a mouse")));

        input.sendKeys(Keys.ARROW_UP); // edits our last message
        aliceBrowser.until(d -> "typed without a mouse".equals(alice.composer().getAttribute("value")));
        alice.composer().sendKeys(", then edited", Keys.ENTER);
        aliceBrowser.until(d -> alice.message("then edited").findElement(Browser.testId("edited-mark")).isDisplayed());

        new Actions(aliceBrowser.driver()).keyDown(Keys.CONTROL).sendKeys("k").keyUp(Keys.CONTROL).perform();
        assertThat(aliceBrowser.script("return document.activeElement.dataset.testid")).isEqualTo("search-input");
        new Actions(aliceBrowser.driver()).keyDown(Keys.ALT).sendKeys(Keys.ARROW_DOWN).keyUp(Keys.ALT).perform();
        aliceBrowser.until(d -> !"general".equals(d.findElement(By.cssSelector("[aria-current='page']"))
                .getAttribute("data-channel")));
        alice.openChannel("general");

        aliceBrowser.byTestId("message-list").click();
        new Actions(aliceBrowser.driver()).sendKeys(Keys.ARROW_UP).perform(); // the newest message takes focus
        WebElement focused = aliceBrowser.driver().switchTo().activeElement();
        assertThat(focused.getAttribute("data-testid")).isEqualTo("message");
        assertThat(focused.findElement(Browser.testId("action-reply")).isDisplayed()).isTrue();
    }

    @Test
    void the_theme_toggle_switches_and_is_remembered_across_reloads() {
        String initial = (String) aliceBrowser.script("return document.querySelector('[data-testid=theme-toggle]').dataset.theme");
        String other = "dark".equals(initial) ? "light" : "dark";

        aliceBrowser.byTestId("theme-toggle").click();
        assertThat(aliceBrowser.script("return document.documentElement.dataset.theme")).isEqualTo(other);
        aliceBrowser.open(rest.base() + "/chat");
        alice.awaitOnline();
        assertThat(aliceBrowser.script("return document.documentElement.dataset.theme")).isEqualTo(other);
        assertThat(aliceBrowser.byTestId("me-name").getText()).isEqualTo("alice");

        aliceBrowser.byTestId("theme-toggle").click();
        assertThat(aliceBrowser.script("return document.documentElement.dataset.theme")).isEqualTo(initial);

        aliceBrowser.script("localStorage.removeItem('parley.chat.theme')"); // no choice: the system decides
        aliceBrowser.emulateColorScheme("dark");
        try {
            aliceBrowser.open(rest.base() + "/chat");
            alice.awaitOnline();
            assertThat(aliceBrowser.script("return document.documentElement.dataset.theme")).isEqualTo("dark");
            aliceBrowser.emulateColorScheme("light");
            aliceBrowser.until(d -> "light".equals(aliceBrowser.script("return document.documentElement.dataset.theme")));
        } finally {
            aliceBrowser.emulateColorScheme(null);
        }
    }
}
