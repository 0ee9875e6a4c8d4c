package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.interactions.Actions;

/**
 * A realistic team conversation (people, AI agents and a build service), rendered in light and dark
 * at desktop size: target/screenshots/showcase-light.png and showcase-dark.png (the README's
 * picture comes from here).
 */
class ShowcaseScreenshotTest {

    @Test
    void renders_a_team_conversation_with_agents_in_light_and_dark(@TempDir Path dir) throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             SocketParticipant grace = SocketParticipant.connect(hub.port(), "grace", "human");
             SocketParticipant reviewer = SocketParticipant.connect(hub.port(), "claude-reviewer", "ai");
             SocketParticipant ci = SocketParticipant.connect(hub.port(), "build-bot", "service");
             SocketParticipant planner = SocketParticipant.connect(hub.port(), "planner", "ai");
             Browser browser = Browser.start(1280, 800)) {
            HubRest rest = new HubRest(hub.port());
            ChatPage ada = new ChatPage(browser, rest.base());
            ada.signIn("ada");
            rest.createChannel("release-planning", "grace", "Shipping 1.4 on Thursday");
            rest.createChannel("random", "grace", "Anything goes");
            for (String who : new String[] {"ada", "claude-reviewer", "build-bot", "planner"}) {
                rest.join("release-planning", who);
            }
            rest.join("random", "ada");

            grace.say("release-planning", "Morning all! Release **1.4** is planned for Thursday. Anything blocking?");
            ci.say("release-planning", "`main` is green: 1,284 tests passed in 3m 12s. Build log: "
                    + "https://ci.example.internal/builds/4412");
            reviewer.say("release-planning", "I reviewed PR #231 (*resume by seq*). Two notes:\n"
                    + "- the replay loop should page by `seq`, not by timestamp\n"
                    + "- add a test for a hub restored from a backup");
            JsonNode review = grace.await("message");
            while (!review.path("sender").asText().equals("claude-reviewer")) {
                review = grace.await("message");
            }
            planner.say("release-planning", "Draft timeline:\n```\nWed 14:00  code freeze\nThu 09:00  tag v1.4.0\n"
                    + "Thu 10:00  announce\n```");
            grace.say("release-planning", "@ada could you take the announcement?");
            rest.post("/api/dm", Json.mapper().createObjectNode().put("participant_a", "grace").put("participant_b", "ada"));
            grace.say("dm:ada:grace", "Lunch after the release call?");
            grace.say("dm:ada:grace", "My treat 🙂");

            ada.openChannel("release-planning");
            ada.awaitMessage("I reviewed PR #231");
            ada.action("I reviewed PR #231", "reply");
            ada.send("Good catch, I'll switch the paging to `seq` today.");
            ada.send("And yes, I'll write the announcement.");
            ada.awaitMessage("write the announcement");
            for (JsonNode m = grace.await("message"); ; m = grace.await("message")) {
                if (m.path("body").asText().contains("announcement") && m.path("sender").asText().equals("ada")) {
                    grace.send(Json.mapper().createObjectNode().put("type", "read_ack").set("message_ids",
                            Json.mapper().createArrayNode().add(m.path("message_id").asText())));
                    break;
                }
            }
            String buildId = ada.awaitMessage("main").getAttribute("data-message-id");
            react(rest, buildId, "grace", "🎉");
            react(rest, buildId, "ada", "🎉");
            react(rest, review.path("message_id").asText(), "planner", "👀");
            browser.until(d -> ada.message("write the announcement").findElement(Browser.testId("message-status"))
                    .getAttribute("data-ticks").equals("2"));
            planner.typing("release-planning");
            browser.until(d -> ada.typingText().contains("planner is typing"));

            assertThat(ada.unread("dm:ada:grace")).isEqualTo(2);
            new Actions(browser.driver()).moveToElement(browser.byTestId("channel-title")).perform();
            browser.screenshot("showcase-light");
            browser.byTestId("theme-toggle").click();
            browser.until(d -> "dark".equals(browser.script("return document.documentElement.dataset.theme")));
            planner.typing("release-planning");
            browser.screenshot("showcase-dark");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private static void react(HubRest rest, String messageId, String who, String emoji) {
        rest.post("/api/react", Json.mapper().createObjectNode().put("message_id", messageId).put("participant", who)
                .put("emoji", emoji));
    }
}
