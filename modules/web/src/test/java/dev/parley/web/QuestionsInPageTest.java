package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.server.HubConfig;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Questions for a human in the page: a question an agent asks (here over REST, as deploy-bot) shows live as a card
 * with a button per choice or a text box; answering it there answers it on the hub, and every page shows who answered
 * what without a reload; one out of time shows no buttons; the hub's refusal is shown on the card; the Questions
 * button counts the open ones and its panel answers them; a reload shows each question's state; a new one notifies
 * while the tab is hidden. And system notices: the loop guard's as a warning, a claim's as a quiet line.
 *
 * <p>One hub (loop guard 2, so two agents trip it quickly) and two browsers (ada, bob) for the class; olga is a human
 * on a bare socket who answers over REST, as the CLI does. After each test olga answers whatever is still open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuestionsInPageTest {
    private InProcessHub hub;
    private HubRest rest;
    private RawSocket olga;
    private Browser adaBrowser;
    private Browser bobBrowser;
    private ChatPage ada;
    private ChatPage bob;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        hub = InProcessHub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withLoopGuard(2));
        rest = new HubRest(hub.port());
        olga = RawSocket.connect(hub.port());
        olga.send(RawSocket.authFrame("olga").put("participant_type", "human"));
        olga.await("auth_ok");
        adaBrowser = Browser.start(1280, 800);
        bobBrowser = Browser.start(1280, 800);
        ada = new ChatPage(adaBrowser, rest.base()).signIn("ada");
        bob = new ChatPage(bobBrowser, rest.base()).signIn("bob");
    }

    @AfterAll
    void stop() {
        try {
            assertThat(adaBrowser.consoleErrors()).as("ada's console").noneMatch(e -> e.contains("Uncaught"));
            assertThat(bobBrowser.consoleErrors()).as("bob's console").noneMatch(e -> e.contains("Uncaught"));
        } finally {
            adaBrowser.close();
            bobBrowser.close();
            olga.close();
            hub.close();
        }
    }

    @AfterEach
    void answerWhatIsLeft() {
        for (JsonNode question : rest.get("/api/questions?participant=ada")) {
            JsonNode options = question.path("options");
            answerAs("olga", question.path("question_id").asText(), options.isEmpty() ? "done" : options.get(0).asText());
        }
        adaBrowser.until(d -> !adaBrowser.byTestId("questions-count").isDisplayed());
    }

    @Test
    void a_question_shows_live_as_a_card_and_a_click_answers_it_for_everyone() {
        ada.openChannel("general");
        bob.openChannel("general");
        adaBrowser.script("window.questionsTestNoReload = true;");

        String id = ask("general", null, "Ship 2.1?", List.of("approve", "deny"), 600);

        WebElement card = adaBrowser.until(d -> card(adaBrowser, id));
        assertThat(card.getAttribute("data-status")).isEqualTo("open");
        assertThat(card.findElement(Browser.testId("question-text")).getText()).isEqualTo("Ship 2.1?");
        assertThat(card.findElements(Browser.testId("question-option"))).extracting(WebElement::getText)
                .containsExactly("approve", "deny");
        assertThat(card.findElement(Browser.testId("question-expiry")).getText()).matches("(10|9) min left to answer");
        WebElement message = card.findElement(By.xpath("ancestor::*[@data-testid='message']"));
        assertThat(message.findElement(Browser.testId("message-sender")).getText()).as("who asks").isEqualTo("deploy-bot");
        assertThat(message.findElements(By.cssSelector("details.msg-metadata"))).as("the card, not raw metadata").isEmpty();
        adaBrowser.until(d -> "1".equals(adaBrowser.byTestId("questions-count").getText()));
        assertThat(adaBrowser.byTestId("questions-toggle").getAttribute("aria-label")).isEqualTo("Questions (1 open)");
        adaBrowser.screenshot("question-card-open");

        option(card, "approve").click();

        adaBrowser.until(d -> "answered".equals(card(adaBrowser, id).getAttribute("data-status")));
        WebElement answered = card(adaBrowser, id);
        assertThat(answered.findElement(Browser.testId("question-state")).getText()).isEqualTo("answered by ada: approve");
        assertThat(answered.findElements(Browser.testId("question-option"))).as("no buttons once answered").isEmpty();
        JsonNode onHub = question(id);
        assertThat(onHub.path("status").asText()).isEqualTo("answered");
        assertThat(onHub.path("answered_by").asText()).isEqualTo("ada");
        assertThat(onHub.path("answer").asText()).isEqualTo("approve");
        ada.awaitMessage("answered: approve");
        adaBrowser.until(d -> !adaBrowser.byTestId("questions-count").isDisplayed());

        bobBrowser.until(d -> "answered by ada: approve".equals(
                card(bobBrowser, id).findElement(Browser.testId("question-state")).getText()));
        assertThat(card(bobBrowser, id).findElements(Browser.testId("question-option"))).isEmpty();
        assertThat(adaBrowser.script("return window.questionsTestNoReload === true")).as("no reload").isEqualTo(true);
        adaBrowser.screenshot("question-card-answered");
    }

    @Test
    void a_free_text_question_is_answered_from_its_text_box() {
        ada.openChannel("general");
        String id = ask("general", null, "Which day for the <b>release</b> notes?", List.of(), 600);

        WebElement card = adaBrowser.until(d -> card(adaBrowser, id));
        WebElement text = card.findElement(Browser.testId("question-text"));
        assertThat(text.getText()).isEqualTo("Which day for the <b>release</b> notes?");
        assertThat(text.findElements(By.tagName("b"))).as("the question is text, never markup").isEmpty();
        assertThat(card.findElements(Browser.testId("question-option"))).isEmpty();

        card.findElement(Browser.testId("question-input")).sendKeys("Friday, after the freeze", Keys.ENTER);

        adaBrowser.until(d -> "answered".equals(card(adaBrowser, id).getAttribute("data-status")));
        assertThat(card(adaBrowser, id).findElement(Browser.testId("question-state")).getText())
                .isEqualTo("answered by ada: Friday, after the freeze");
        assertThat(card(adaBrowser, id).findElements(Browser.testId("question-input"))).isEmpty();
        assertThat(question(id).path("answer").asText()).isEqualTo("Friday, after the freeze");
    }

    @Test
    void a_question_out_of_time_says_so_and_offers_no_buttons() {
        ada.openChannel("general");
        String id = ask("general", null, "Restart the cache now?", List.of("yes", "no"), 2);

        adaBrowser.until(d -> card(adaBrowser, id));
        adaBrowser.until(d -> "expired".equals(card(adaBrowser, id).getAttribute("data-status")));
        WebElement card = card(adaBrowser, id);
        assertThat(card.findElement(Browser.testId("question-state")).getText()).isEqualTo("no answer in time");
        assertThat(card.findElements(Browser.testId("question-option"))).isEmpty();
        assertThat(question(id).path("status").asText()).isEqualTo("expired");
        assertThat(adaBrowser.byTestId("questions-count").isDisplayed()).isFalse();
    }

    /** The page never hears of olga's answer (its announcement is dropped on arrival), so it still offers buttons. */
    @Test
    void the_hubs_refusal_is_shown_on_the_card_which_then_shows_who_answered_first() {
        ada.openChannel("general");
        adaBrowser.script("""
                window.droppedAnswers = 0;
                window.realParse = JSON.parse;
                JSON.parse = function (text, ...rest) {
                  if (typeof text === 'string' && text.includes('"parley_answer"')) {
                    window.droppedAnswers++;
                    return { type: 'dropped-by-the-test' };
                  }
                  return window.realParse.call(this, text, ...rest);
                };
                """);
        try {
            String id = ask("general", null, "Roll back 2.0?", List.of("yes", "no"), 600);
            adaBrowser.until(d -> card(adaBrowser, id));

            answerAs("olga", id, "no");
            adaBrowser.until(d -> ((Number) adaBrowser.script("return window.droppedAnswers")).intValue() > 0);
            assertThat(card(adaBrowser, id).getAttribute("data-status")).isEqualTo("open");

            option(card(adaBrowser, id), "yes").click();

            String refusal = adaBrowser.until(d -> {
                List<WebElement> errors = card(adaBrowser, id).findElements(Browser.testId("question-error"));
                return errors.isEmpty() ? null : errors.get(0).getText();
            });
            assertThat(refusal).startsWith("already answered by olga at ").endsWith(": no");
            adaBrowser.until(d -> "answered".equals(card(adaBrowser, id).getAttribute("data-status")));
            assertThat(card(adaBrowser, id).findElement(Browser.testId("question-state")).getText())
                    .isEqualTo("answered by olga: no");
            assertThat(card(adaBrowser, id).findElements(Browser.testId("question-option"))).isEmpty();
            assertThat(question(id).path("answered_by").asText()).isEqualTo("olga");
            adaBrowser.screenshot("question-refused");
        } finally {
            adaBrowser.script("JSON.parse = window.realParse;");
        }
    }

    @Test
    void the_questions_button_counts_open_questions_and_its_panel_answers_them() {
        ada.openChannel("general");
        String inGeneral = ask("general", null, "Merge the hotfix?", List.of("merge", "wait"), 600);
        String inDm = ask(null, "ada", "May I restart your dev box?", List.of("yes", "no"), 600);
        adaBrowser.until(d -> "2".equals(adaBrowser.byTestId("questions-count").getText()));

        WebElement toggle = adaBrowser.byTestId("questions-toggle");
        toggle.click();
        adaBrowser.until(d -> "true".equals(toggle.getAttribute("aria-expanded"))
                && "2 open questions".equals(adaBrowser.byTestId("questions-status").getText()));
        assertThat(adaBrowser.allByTestId("question-item")).extracting(e -> e.getAttribute("data-question-id"))
                .containsExactly(inGeneral, inDm);
        WebElement dmItem = item(inDm);
        assertThat(dmItem.findElement(Browser.testId("question-asker")).getText()).isEqualTo("deploy-bot");
        assertThat(dmItem.getText()).contains("May I restart your dev box?", "in a direct message");
        assertThat(item(inGeneral).getText()).contains("in #general");
        adaBrowser.screenshot("questions-panel");

        option(dmItem, "yes").sendKeys(Keys.ENTER); // the keyboard

        adaBrowser.until(d -> item(inDm) == null);
        assertThat(question(inDm).path("answered_by").asText()).isEqualTo("ada");
        adaBrowser.until(d -> "1".equals(adaBrowser.byTestId("questions-count").getText()));
        assertThat(adaBrowser.script("return !!document.activeElement.closest(\"[data-testid='questions-list']\")"))
                .as("focus stays in the list once the answered question is gone").isEqualTo(true);

        item(inGeneral).findElement(Browser.testId("question-jump")).click();
        adaBrowser.until(d -> inGeneral.equals(adaBrowser.script(
                "return document.activeElement.closest('[data-message-id]')?.dataset.messageId")));
        option(card(adaBrowser, inGeneral), "wait").click();

        adaBrowser.until(d -> adaBrowser.byTestId("questions-status").getText().startsWith("No open questions."));
        assertThat(adaBrowser.allByTestId("question-item")).isEmpty();
        assertThat(question(inGeneral).path("answer").asText()).isEqualTo("wait");
        adaBrowser.byTestId("questions-list").sendKeys(Keys.ESCAPE);
        adaBrowser.until(d -> !adaBrowser.byTestId("side-panel").isDisplayed());
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
    }

    @Test
    void after_a_reload_each_question_in_view_shows_its_state_from_the_hub() {
        String answered = ask("general", null, "Tag the release?", List.of("yes", "no"), 600);
        answerAs("olga", answered, "yes");
        String expired = ask("general", null, "Warm the caches?", List.of("yes", "no"), 1);
        String open = ask("general", null, "Rotate the keys?", List.of("rotate", "later"), 600);
        adaBrowser.until(d -> "expired".equals(question(expired).path("status").asText()));

        adaBrowser.open(rest.base() + "/chat");
        ada.awaitOnline();
        ada.awaitActiveChannel("general");

        adaBrowser.until(d -> "answered by olga: yes".equals(
                card(adaBrowser, answered).findElement(Browser.testId("question-state")).getText()));
        adaBrowser.until(d -> "no answer in time".equals(
                card(adaBrowser, expired).findElement(Browser.testId("question-state")).getText()));
        adaBrowser.until(d -> "open".equals(card(adaBrowser, open).getAttribute("data-status")));
        assertThat(card(adaBrowser, answered).findElements(Browser.testId("question-option"))).isEmpty();
        assertThat(card(adaBrowser, expired).findElements(Browser.testId("question-option"))).isEmpty();
        assertThat(card(adaBrowser, open).findElements(Browser.testId("question-option"))).hasSize(2);
        adaBrowser.until(d -> "1".equals(adaBrowser.byTestId("questions-count").getText()));
    }

    @Test
    void a_new_question_notifies_while_the_tab_is_hidden() {
        ada.openChannel("general");
        // The browser's notifications and visibility, as the page sees them: a tab in the background that may notify.
        adaBrowser.script("""
                window.shownNotifications = [];
                window.realNotification = window.Notification;
                window.Notification = function (title, options) {
                  window.shownNotifications.push({ title, body: options.body, tag: options.tag,
                    requireInteraction: !!options.requireInteraction });
                };
                window.Notification.permission = 'granted';
                Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
                """);
        try {
            String id = ask("general", null, "Page the on-call?", List.of("page", "hold"), 600);

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> shown = adaBrowser.until(d -> (List<Map<String, Object>>) adaBrowser.script(
                    "return window.shownNotifications.length ? window.shownNotifications : null"));
            assertThat(shown).singleElement().satisfies(n -> {
                assertThat(n.get("title")).isEqualTo("deploy-bot asks you · #general");
                assertThat(n.get("body")).isEqualTo("Page the on-call?\nAnswer: page / hold");
                assertThat(n.get("tag")).isEqualTo("question:" + id);
                assertThat(n.get("requireInteraction")).isEqualTo(true);
            });
        } finally {
            adaBrowser.script("delete document.hidden; window.Notification = window.realNotification;");
        }
    }

    @Test
    void the_loop_guards_notice_is_a_warning_and_a_claims_announcement_a_quiet_notice() {
        ada.openChannel("general");
        bob.openChannel("general");
        try (RawSocket ping = hub.client("ping-bot", "acked_send"); RawSocket pong = hub.client("pong-bot", "acked_send")) {
            say(ping, "echo 1");
            say(pong, "echo 2");
            ping.send("send", "channel", "general", "body", "echo 3", "client_msg_id", "echo-3");
            assertThat(ping.await("error").path("code").asText()).isEqualTo("loop_guard");

            WebElement loop = adaBrowser.until(d -> notice("loop-guard"));
            assertThat(loop.getAttribute("class")).contains("notice-loop-guard");
            assertThat(loop.getAttribute("role")).isEqualTo("note");
            assertThat(loop.findElement(Browser.testId("notice-text")).getText()).startsWith("Agents paused")
                    .contains("Loop guard: agents wrote 2 messages in a row here with no human");

            rest.post("/api/claims", Json.mapper().createObjectNode().put("participant", "grace")
                    .put("resource", "docs/**").put("ttl", 600).put("channel", "general"));
            WebElement claim = adaBrowser.until(d -> notice("claim"));
            assertThat(claim.findElement(Browser.testId("notice-text")).getText()).startsWith("grace claimed docs/** until");
            assertThat(claim.findElement(By.tagName("code")).getText()).isEqualTo("docs/**");
            assertThat(style(loop, "backgroundColor")).as("the warning stands out").isEqualTo("rgb(255, 245, 224)");
            assertThat(style(loop, "boxShadow")).as("with the warning colour").contains("rgb(201, 138, 0)");
            assertThat(claim.getAttribute("class")).doesNotContain("notice-loop-guard");
            assertThat(style(claim, "color")).as("a claim is a quiet line").isEqualTo("rgb(99, 106, 123)");
            adaBrowser.screenshot("notices-loop-guard-and-claim");

            ada.send("/continue"); // others see the hub's word for it, a notice
            bobBrowser.until(d -> d.findElements(By.cssSelector("[data-notice='system']")).stream()
                    .anyMatch(n -> n.getText().startsWith("ada /continue: the loop guard is lifted")));
            say(ping, "echo 4"); // a human wrote: the agents may go on
            ada.awaitMessage("echo 4");
        } finally {
            rest.post("/api/claims/release", Json.mapper().createObjectNode().put("participant", "grace")
                    .put("resource", "docs/**"));
        }
    }

    @Test
    void the_card_and_the_panel_fit_a_phone_in_the_dark_theme() {
        try (Browser phone = Browser.start(375, 740)) {
            phone.emulateColorScheme("dark");
            new ChatPage(phone, rest.base()).signIn("mo");
            String id = ask("general", null, "Ship the **mobile** build to the beta testers in Lisbon and Porto tonight?",
                    List.of("ship tonight", "wait for QA", "cancel the beta"), 600);

            WebElement card = phone.until(d -> card(phone, id));
            for (WebElement button : card.findElements(Browser.testId("question-option"))) {
                assertThat(button.isDisplayed()).isTrue();
                assertThat(button.getRect().getX() + button.getRect().getWidth()).isLessThanOrEqualTo(375);
            }
            assertThat(phone.byTestId("questions-toggle").isDisplayed()).as("reachable without the sidebar").isTrue();
            assertThat(phone.script("return document.documentElement.dataset.theme")).isEqualTo("dark");
            assertThat(phone.script("return document.documentElement.scrollWidth")).isEqualTo(375L);
            phone.screenshot("question-phone-dark");

            phone.until(d -> "1".equals(phone.byTestId("questions-count").getText()));
            phone.byTestId("questions-toggle").click();
            phone.until(d -> phone.byTestId("side-panel").isDisplayed());
            assertThat(phone.byTestId("side-panel").getRect().getWidth()).isEqualTo(375);
            WebElement item = phone.until(d -> d.findElement(By.cssSelector("[data-testid='question-item']")));
            phone.screenshot("questions-panel-phone-dark");
            option(item, "wait for QA").click();
            phone.until(d -> d.findElements(By.cssSelector("[data-testid='question-item']")).isEmpty());
            assertThat(question(id).path("answered_by").asText()).isEqualTo("mo");
            phone.byTestId("panel-close").click();
            assertThat(phone.consoleErrors()).as("the phone's console").noneMatch(e -> e.contains("Uncaught"));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** deploy-bot asks over REST, in a channel or (channel null) in its DM with {@code to}; the question's id. */
    private String ask(String channel, String to, String question, List<String> options, int timeoutSeconds) {
        ObjectNode body = Json.mapper().createObjectNode().put("participant", "deploy-bot").put("question", question)
                .put("timeout", timeoutSeconds);
        if (channel != null) {
            body.put("channel", channel);
        } else {
            body.put("to", to);
        }
        options.forEach(body.putArray("options")::add);
        return rest.post("/api/questions", body).path("question_id").asText();
    }

    /** A question as ada may read it (her DMs too). */
    private JsonNode question(String id) {
        return rest.get("/api/questions/" + id + "?participant=ada");
    }

    private void answerAs(String human, String id, String answer) {
        JsonNode answered = rest.post("/api/questions/" + id + "/answer", Json.mapper().createObjectNode()
                .put("participant", human).put("answer", answer));
        assertThat(answered.path("status").asText()).isEqualTo("answered");
    }

    private static void say(RawSocket agent, String body) {
        agent.send("send", "channel", "general", "body", body, "client_msg_id", body);
        agent.await(f -> f.path("type").asText().equals("sent") && f.path("client_msg_id").asText().equals(body),
                Duration.ofSeconds(10));
    }

    /** The card of a question in the open channel's timeline, or null. */
    private static WebElement card(Browser in, String id) {
        List<WebElement> found = in.driver().findElements(By.cssSelector(
                "[data-testid='message-list'] [data-testid='question-card'][data-question-id='" + id + "']"));
        return found.isEmpty() ? null : found.get(0);
    }

    /** A question's row in the Questions panel, or null. */
    private WebElement item(String id) {
        List<WebElement> found = adaBrowser.driver().findElements(By.cssSelector(
                "[data-testid='question-item'][data-question-id='" + id + "']"));
        return found.isEmpty() ? null : found.get(0);
    }

    private static WebElement option(WebElement card, String option) {
        return card.findElement(By.cssSelector("[data-testid='question-option'][data-option='" + option + "']"));
    }

    /** A notice of a kind (loop-guard, claim, system) in the open channel, or null. */
    private WebElement notice(String kind) {
        List<WebElement> found = adaBrowser.driver().findElements(By.cssSelector(
                "[data-testid='message-list'] [data-testid='message'][data-notice='" + kind + "']"));
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    private String style(WebElement element, String property) {
        return (String) adaBrowser.script("return getComputedStyle(arguments[0])[arguments[1]]", element, property);
    }
}
