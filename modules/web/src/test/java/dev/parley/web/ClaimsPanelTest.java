package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Claims view: the hub's live claims in the side panel, kept current from {@code claim_changed} frames (no
 * reload), the signed-in user's own with a Release button, a form whose refusals are the hub's words, and claims
 * that run out leaving by themselves. One hub and one browser (ada) for the class; grace claims over REST, as an
 * agent or the CLI would. After each test every claim left is released, so each starts with none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimsPanelTest {
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

    @AfterEach
    void releaseWhatIsLeft() {
        for (JsonNode claim : liveClaims()) {
            rest.post("/api/claims/release", Json.mapper().createObjectNode()
                    .put("participant", claim.path("holder").asText()).put("claim_id", claim.path("claim_id").asText()));
        }
        browser.until(d -> browser.allByTestId("claim-item").isEmpty());
    }

    @Test
    void a_claim_made_elsewhere_appears_live_and_leaves_when_it_is_released() {
        openClaims(browser);
        browser.script("window.claimsTestNoReload = true;");

        claim("grace", "modules/server/**", 600, "<b>refactor</b> the fan-out", "general");

        WebElement item = browser.until(d -> item(browser, "modules/server/**"));
        assertThat(item.findElement(Browser.testId("claim-resource")).getText()).isEqualTo("modules/server/**");
        assertThat(item.findElement(Browser.testId("claim-resource")).getTagName()).isEqualTo("code");
        assertThat(item.findElement(Browser.testId("claim-holder")).getText()).isEqualTo("grace");
        WebElement note = item.findElement(Browser.testId("claim-note"));
        assertThat(note.getText()).isEqualTo("<b>refactor</b> the fan-out");
        assertThat(note.findElements(By.tagName("b"))).as("the note is text, never markup").isEmpty();
        assertThat(item.findElement(Browser.testId("claim-expiry")).getText()).matches("expires in (10|9) min");
        assertThat(item.getText()).as("the channel it is announced in").contains("#general");
        assertThat(item.getAttribute("data-mine")).isEqualTo("false");
        assertThat(item.findElements(Browser.testId("claim-release"))).as("only the holder may release").isEmpty();
        assertThat(browser.byTestId("claims-count").getText()).isEqualTo("1");
        assertThat(browser.byTestId("claims-toggle").getAttribute("aria-label")).isEqualTo("Claims (1 live)");
        assertThat(browser.script("return window.claimsTestNoReload === true")).as("no reload").isEqualTo(true);
        browser.screenshot("claims-panel");

        release("grace", "modules/server/**");

        browser.until(d -> item(browser, "modules/server/**") == null);
        assertThat(browser.byTestId("claims-count").isDisplayed()).isFalse();
        assertThat(browser.byTestId("claims-status").getText()).startsWith("Nobody holds a claim.");
        assertThat(browser.script("return window.claimsTestNoReload === true")).as("no reload").isEqualTo(true);
    }

    @Test
    void my_own_claim_from_the_form_has_a_release_button_that_releases_it_on_the_hub() {
        openClaims(browser);
        browser.byTestId("claim-resource-input").sendKeys("JIRA-142");
        WebElement minutes = browser.byTestId("claim-minutes-input");
        minutes.clear();
        minutes.sendKeys("5");
        browser.byTestId("claim-note-input").sendKeys("triage", Keys.ENTER);

        WebElement item = browser.until(d -> item(browser, "JIRA-142"));
        assertThat(item.getAttribute("data-mine")).isEqualTo("true");
        assertThat(item.getText()).contains("ada", "(you)", "triage");
        assertThat(item.findElement(Browser.testId("claim-expiry")).getText()).matches("expires in (5|4) min");
        assertThat(browser.byTestId("claim-done").getText()).isEqualTo("Claimed JIRA-142 for 5 min.");
        assertThat(liveClaims()).anySatisfy(c -> {
            assertThat(c.path("resource").asText()).isEqualTo("JIRA-142");
            assertThat(c.path("holder").asText()).isEqualTo("ada");
            assertThat(c.path("note").asText()).isEqualTo("triage");
        });

        WebElement releaseButton = item.findElement(Browser.testId("claim-release"));
        assertThat(releaseButton.getAttribute("aria-label")).isEqualTo("Release JIRA-142");

        // Claiming it again renews it, in place.
        browser.byTestId("claim-resource-input").sendKeys("JIRA-142");
        minutes.clear();
        minutes.sendKeys("10", Keys.ENTER);
        browser.until(d -> browser.byTestId("claim-done").getText().equals("Renewed JIRA-142 for 10 min."));
        browser.until(d -> item(browser, "JIRA-142").findElement(Browser.testId("claim-expiry")).getText()
                .matches("expires in (10|9) min"));
        assertThat(browser.allByTestId("claim-item")).hasSize(1);

        item(browser, "JIRA-142").findElement(Browser.testId("claim-release")).sendKeys(Keys.ENTER); // the keyboard

        browser.until(d -> item(browser, "JIRA-142") == null);
        assertThat(liveClaims()).noneMatch(c -> c.path("resource").asText().equals("JIRA-142"));
        assertThat(browser.script("return !!document.activeElement.closest(\"[data-testid='claims-list']\")"))
                .as("focus stays in the list once the released claim is gone").isEqualTo(true);
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        browser.until(d -> !browser.byTestId("side-panel").isDisplayed());
        assertThat(browser.byTestId("claims-toggle").getAttribute("aria-expanded")).isEqualTo("false");
    }

    @Test
    void a_refused_claim_shows_the_hubs_reason_naming_the_holder() {
        openClaims(browser);
        claim("grace", "assets/logo.svg", 600, "new logo", null);
        browser.until(d -> item(browser, "assets/logo.svg"));

        browser.byTestId("claim-resource-input").sendKeys("assets/logo.svg");
        browser.byTestId("claim-submit").click();

        String refusal = browser.until(d -> {
            String text = browser.byTestId("claim-error").getText();
            return text.isEmpty() ? null : text;
        });
        assertThat(refusal).contains("'assets/logo.svg' is claimed by grace", "(new logo)");
        assertThat(liveClaims()).filteredOn(c -> c.path("resource").asText().equals("assets/logo.svg"))
                .singleElement().satisfies(c -> assertThat(c.path("holder").asText()).isEqualTo("grace"));
        assertThat(item(browser, "assets/logo.svg").getAttribute("data-holder")).isEqualTo("grace");
        browser.screenshot("claims-refused");

        release("grace", "assets/logo.svg");
        browser.until(d -> item(browser, "assets/logo.svg") == null);
        browser.byTestId("claim-resource-input").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        browser.until(d -> browser.byTestId("claim-error").getText().isEmpty()); // typing clears the refusal
    }

    @Test
    void a_claim_that_runs_out_leaves_the_page_by_itself() {
        openClaims(browser);
        claim("grace", "tmp/scratch", 2, "", null);

        // It lives for two seconds: looked for often enough to see it.
        WebElement item = new WebDriverWait(browser.driver(), Duration.ofSeconds(5), Duration.ofMillis(50))
                .until(d -> item(browser, "tmp/scratch"));
        assertThat(item.findElement(Browser.testId("claim-expiry")).getText()).matches("expires in [12] s|expiring…");

        browser.until(d -> item(browser, "tmp/scratch") == null);
        assertThat(liveClaims()).noneMatch(c -> c.path("resource").asText().equals("tmp/scratch"));
        assertThat(browser.byTestId("claims-count").isDisplayed()).isFalse();
    }

    /**
     * The page's own clock drops a claim whose time has passed, whether or not the hub's {@code expired} frame came;
     * and a release that arrives while the list is on its way is not undone by the list. (The page's ClaimBook,
     * driven in the browser with lists and frames made here, since a real hub always sends both.)
     */
    @Test
    void the_page_drops_claims_by_their_time_and_keeps_frames_that_raced_the_list() {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('/chat/claims.js').then(async ({ ClaimBook }) => {
                  const now = Date.now();
                  const wire = (id, ms) => ({ claim_id: id, resource: id, holder: 'x', note: '',
                    expires_at: new Date(now + ms).toISOString(), expires_in_seconds: Math.floor(ms / 1000) });
                  let answer;
                  const racing = new ClaimBook({ claims: () => new Promise((resolve) => { answer = resolve; }) });
                  const loading = racing.load();
                  racing.frame({ change: 'released', claim: { claim_id: 'gone' } });
                  answer([wire('gone', 600000), wire('kept', 600000)]);
                  await loading;
                  const raced = racing.list().map((c) => c.claim_id);

                  const book = new ClaimBook({ claims: async () => [wire('short', 800), wire('long', 600000)] });
                  await book.load();
                  const before = book.list().map((c) => c.claim_id);
                  book.addEventListener('change', () => {
                    if (book.size === 1) done({ raced, before, after: book.list().map((c) => c.claim_id),
                      early: Date.now() < now + 800 });
                  });
                }).catch((e) => done({ error: String(e) }));
                """);

        assertThat(result).doesNotContainKey("error");
        assertThat(result.get("raced")).isEqualTo(List.of("kept"));
        assertThat(result.get("before")).isEqualTo(List.of("short", "long"));
        assertThat(result.get("after")).isEqualTo(List.of("long"));
        assertThat(result.get("early")).as("not dropped before its time").isEqualTo(false);
    }

    @Test
    void the_claims_view_fits_a_phone_in_the_dark_theme() {
        try (Browser phone = Browser.start(375, 740)) {
            phone.emulateColorScheme("dark");
            new ChatPage(phone, rest.base()).signIn("mo");
            claim("mo", "modules/web/src/main/resources/dev/parley/web/chat/**", 900, "claims view on phones", null);

            WebElement toggle = phone.byTestId("claims-toggle");
            assertThat(toggle.isDisplayed()).as("reachable without opening the sidebar").isTrue();
            phone.until(d -> "1".equals(phone.byTestId("claims-count").getText()));
            openClaims(phone);
            WebElement panel = phone.byTestId("side-panel");
            assertThat(panel.getRect().getWidth()).isEqualTo(375);
            WebElement item = phone.until(d -> item(phone, "modules/web/src/main/resources/dev/parley/web/chat/**"));
            assertThat(item.findElement(Browser.testId("claim-release")).isDisplayed()).isTrue();
            assertThat(phone.script("return document.documentElement.dataset.theme")).isEqualTo("dark");
            assertThat(phone.script("return document.documentElement.scrollWidth")).isEqualTo(375L);
            assertThat(phone.script("return document.querySelector(\"[data-testid='claims-list']\").scrollWidth"
                    + " <= document.querySelector(\"[data-testid='claims-list']\").clientWidth"))
                    .as("a long resource wraps").isEqualTo(true);
            phone.screenshot("claims-phone-dark");

            item.findElement(Browser.testId("claim-release")).click();
            phone.until(d -> item(phone, "modules/web/src/main/resources/dev/parley/web/chat/**") == null);
            phone.byTestId("panel-close").click();
            phone.until(d -> !phone.byTestId("side-panel").isDisplayed());
            assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
            assertThat(phone.consoleErrors()).as("the phone's console").noneMatch(e -> e.contains("Uncaught"));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Opens the Claims view (if it is not open) and waits until it shows the hub's list. */
    private static void openClaims(Browser in) {
        WebElement toggle = in.byTestId("claims-toggle");
        if (!"true".equals(toggle.getAttribute("aria-expanded"))) {
            toggle.click();
        }
        in.until(d -> "true".equals(toggle.getAttribute("aria-expanded"))
                && !in.byTestId("claims-status").getText().startsWith("Loading"));
    }

    /** The claim item showing this resource, or null. */
    private static WebElement item(Browser in, String resource) {
        return (WebElement) in.script("return Array.from(document.querySelectorAll(\"[data-testid='claim-item']\"))"
                + ".find(e => e.dataset.resource === arguments[0]) || null", resource);
    }

    /** Claims over REST, as an agent would; {@code channel} (or null) is where the hub announces it. */
    private void claim(String participant, String resource, int ttlSeconds, String note, String channel) {
        JsonNode answer = rest.post("/api/claims", Json.mapper().createObjectNode().put("participant", participant)
                .put("resource", resource).put("ttl", ttlSeconds).put("note", note).put("channel", channel));
        assertThat(answer.path("granted").asBoolean()).as("granted: %s", answer).isTrue();
    }

    private void release(String participant, String resource) {
        JsonNode answer = rest.post("/api/claims/release", Json.mapper().createObjectNode()
                .put("participant", participant).put("resource", resource));
        assertThat(answer.path("released").asBoolean()).as("released: %s", answer).isTrue();
    }

    private List<JsonNode> liveClaims() {
        return StreamSupport.stream(rest.get("/api/claims").spliterator(), false).toList();
    }
}
