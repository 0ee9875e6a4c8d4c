package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
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

/**
 * People and mentions on the page: humans and agents listed apart with a filter and a profile card, @name completion
 * in the composer, and a message that mentions the reader highlighted, badged in the sidebar and notified though
 * another channel is open. One hub and one browser (ada) for the class; carol is a human on the socket, review-bot
 * an agent whose profile is set over REST, bob sends over REST as an agent or the CLI would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeopleAndMentionsTest {
    private InProcessHub hub;
    private HubRest rest;
    private Browser browser;
    private ChatPage ada;
    private SocketParticipant carol;
    private SocketParticipant backupService;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        hub = InProcessHub.start(dir);
        rest = new HubRest(hub.port());
        rest.post("/api/profile", Json.mapper().createObjectNode().put("participant", "review-bot")
                .put("description", "Reviews Java <b>pull requests</b>").put("owner", "ann").put("model", "claude")
                .set("capabilities", Json.mapper().createArrayNode().add("review-java").add("security").add("style")));
        carol = SocketParticipant.connect(hub.port(), "carol", "human");
        backupService = SocketParticipant.connect(hub.port(), "nightly-backup", "service");
        browser = Browser.start(1280, 800);
        ada = new ChatPage(browser, rest.base()).signIn("ada");
    }

    @AfterAll
    void stop() {
        try {
            assertThat(browser.consoleErrors()).as("ada's console").noneMatch(e -> e.contains("Uncaught"));
        } finally {
            browser.close();
            carol.close();
            backupService.close();
            hub.close();
        }
    }

    @Test
    void humans_and_agents_are_listed_apart_and_the_filter_narrows_both() {
        WebElement bot = browser.until(d -> person("agents-list", "review-bot"));
        assertThat(person("people-list", "carol")).as("carol is a human").isNotNull();
        assertThat(person("people-list", "review-bot")).isNull();
        assertThat(person("agents-list", "carol")).isNull();
        assertThat(bot.findElements(Browser.testId("capability-tag"))).extracting(WebElement::getText)
                .as("the first two tags, compactly").containsExactly("review-java", "security");
        assertThat(bot.getText()).contains("+1");

        WebElement filter = browser.byTestId("people-filter");
        filter.sendKeys("review-j");
        browser.until(d -> person("people-list", "carol") == null);
        assertThat(person("agents-list", "review-bot")).as("found by its capability").isNotNull();

        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), "CAR");
        browser.until(d -> person("agents-list", "review-bot") == null);
        assertThat(person("people-list", "carol")).isNotNull();

        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), "nobody-by-that-name");
        browser.until(d -> browser.byTestId("people-none").isDisplayed());

        filter.sendKeys(Keys.ESCAPE);
        browser.until(d -> person("agents-list", "review-bot") != null && person("people-list", "carol") != null);
        assertThat(browser.byTestId("people-none").isDisplayed()).isFalse();
    }

    @Test
    void the_profile_card_shows_description_capabilities_model_and_owner_and_escape_closes_it() {
        browser.until(d -> person("agents-list", "review-bot"));
        WebElement info = browser.until(d -> d.findElement(
                By.cssSelector("[data-testid='profile-button'][data-name='review-bot']")));
        assertThat(info.getAttribute("aria-label")).isEqualTo("Profile of review-bot");
        info.click();

        WebElement card = browser.until(d -> ada.visible("profile-card"));
        WebElement description = browser.until(d -> ada.visible("profile-description"));
        assertThat(description.getText()).isEqualTo("Reviews Java <b>pull requests</b>");
        assertThat(description.findElements(By.tagName("b"))).as("text, never markup").isEmpty();
        assertThat(card.findElement(Browser.testId("profile-capabilities")).findElements(By.tagName("li")))
                .extracting(WebElement::getText).containsExactly("review-java", "security", "style");
        assertThat(card.findElement(Browser.testId("profile-owner")).getText()).isEqualTo("ann");
        assertThat(card.findElement(Browser.testId("profile-model")).getText()).isEqualTo("claude");
        assertThat(card.findElement(Browser.testId("profile-presence")).getText()).matches("Offline|Last seen .*");
        browser.screenshot("profile-card");

        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.until(d -> ada.visible("profile-card") == null);
        assertThat(browser.driver().switchTo().activeElement().getAttribute("data-name"))
                .as("focus goes back to the info button").isEqualTo("review-bot");
    }

    @Test
    void typing_at_and_letters_offers_participants_and_enter_inserts_the_name() {
        browser.until(d -> person("agents-list", "review-bot"));
        WebElement input = ada.composer();
        input.sendKeys("please look @rev");
        WebElement option = browser.until(d -> {
            List<WebElement> options = d.findElements(Browser.testId("mention-option"));
            return options.isEmpty() || !options.get(0).isDisplayed() ? null : options.get(0);
        });
        assertThat(option.getAttribute("data-name")).isEqualTo("review-bot");
        assertThat(option.getAttribute("aria-selected")).isEqualTo("true");

        input.sendKeys(Keys.ENTER);

        browser.until(d -> ada.visible("mention-menu") == null);
        assertThat(input.getAttribute("value")).as("Enter picked, it did not send").isEqualTo("please look @review-bot ");
        assertThat(ada.countContaining("please look")).isZero();

        input.sendKeys("and @ca");
        browser.until(d -> ada.visible("mention-menu"));
        input.sendKeys(Keys.ESCAPE);
        browser.until(d -> ada.visible("mention-menu") == null);
        assertThat(input.getAttribute("value")).isEqualTo("please look @review-bot and @ca");
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    }

    @Test
    void a_mention_in_another_channel_is_badged_notified_and_highlighted() {
        browser.script("window.notified = [];"
                + "window.Notification = class { constructor(title) { window.notified.push(title); }"
                + "  static get permission() { return 'granted'; } static requestPermission() { return Promise.resolve('granted'); } };");
        rest.createChannel("x", "bob", "mentions");
        rest.join("x", "ada");

        rest.send("bob", "x", "an ordinary message");
        browser.until(d -> ada.unread("x") == 1);
        rest.send("bob", "x", "@ada can you <i>look</i>?");
        browser.until(d -> ada.unread("x") == 2);

        // Read in one go: the sidebar re-renders as counts change.
        String badge = browser.until(d -> ada.channelItem("x").findElements(Browser.testId("mention-badge")).stream()
                .findFirst().map(b -> b.getText() + " | " + b.getAttribute("aria-label")).orElse(null));
        assertThat(badge).isEqualTo("@1 | 1 unread mention of you");
        assertThat(browser.script("return window.notified")).as("only the mention, while general is open")
                .isEqualTo(List.of("bob mentioned you · #x"));
        browser.screenshot("mention-badge");

        ada.openChannel("x");
        WebElement mention = ada.awaitMessage("@ada can you <i>look</i>?");
        assertThat(mention.getAttribute("class")).contains("msg-mentions-me");
        assertThat(ada.message("an ordinary message").getAttribute("class")).doesNotContain("msg-mentions-me");
        browser.until(d -> ada.channelItem("x").findElements(Browser.testId("mention-badge")).isEmpty());
        ada.openChannel("general");
    }

    @Test
    void services_are_a_group_of_their_own_and_the_filter_narrows_it_too() {
        WebElement service = browser.until(d -> person("services-list", "nightly-backup"));
        assertThat(person("agents-list", "nightly-backup")).as("a service is no AI agent").isNull();
        assertThat(person("people-list", "nightly-backup")).isNull();
        assertThat(person("services-list", "review-bot")).as("an agent is no service").isNull();
        assertThat(service.findElement(Browser.testId("type-badge")).getAttribute("data-type")).isEqualTo("service");
        assertThat(browser.byTestId("services-count").getText()).isEqualTo("1 online");

        WebElement filter = browser.byTestId("people-filter");
        filter.sendKeys("backup");
        browser.until(d -> person("agents-list", "review-bot") == null && person("people-list", "carol") == null);
        assertThat(person("services-list", "nightly-backup")).isNotNull();
        filter.sendKeys(Keys.ESCAPE);
        browser.until(d -> person("agents-list", "review-bot") != null);
    }

    private WebElement person(String list, String name) {
        List<WebElement> found = browser.byTestId(list).findElements(
                By.cssSelector("[data-testid='participant-item'][data-name='" + name + "']"));
        return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    }
}
