package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.web.Browser;
import dev.parley.web.ChatPage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * ask_human end to end: the agent's MCP call (a real {@code McpMain} child) blocks until a person answers by clicking
 * a button of the question's card in the chat page, in a real headless Chromium; the call then returns that answer.
 */
class AskHumanInBrowserTest extends HubAndAgent {
    @Test
    void the_call_returns_the_choice_a_person_clicked_in_the_chat_page() throws Exception {
        try (Browser browser = Browser.start(1280, 800)) {
            new ChatPage(browser, hub.url()).signIn("maria");
            CompletableFuture<JsonNode> call = CompletableFuture.supplyAsync(() -> mcp.ok("ask_human",
                    "channel", "general", "question", "Deploy 2.1 to production?", "options", List.of("yes", "no"),
                    "timeout", 60));

            WebElement card = browser.until(d -> d.findElements(Browser.testId("question-card")).stream()
                    .filter(c -> c.getText().contains("Deploy 2.1 to production?")
                            && "open".equals(c.getAttribute("data-status")))
                    .findFirst().orElse(null));
            String questionId = card.getAttribute("data-question-id");
            assertThat(call).as("the agent waits for a human").isNotDone();

            card.findElement(By.cssSelector("[data-testid='question-option'][data-option='yes']")).click();

            JsonNode result = call.get(30, TimeUnit.SECONDS);
            assertThat(result.path("answered").asBoolean()).isTrue();
            assertThat(result.path("answered_by").asText()).isEqualTo("maria");
            assertThat(result.path("answer").asText()).isEqualTo("yes");
            assertThat(result.path("question_id").asText()).isEqualTo(questionId);
            browser.until(d -> d.findElement(By.cssSelector("[data-testid='question-card'][data-question-id='"
                    + questionId + "'] [data-testid='question-state']")).getText().equals("answered by maria: yes"));
            assertThat(browser.consoleErrors()).as("maria's console").noneMatch(e -> e.contains("Uncaught"));
        }
    }
}
