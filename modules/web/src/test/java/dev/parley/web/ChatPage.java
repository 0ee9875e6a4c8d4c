package dev.parley.web;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The chat page as a person uses it, by its data-testid hooks. */
public final class ChatPage {
    private final Browser browser;
    private final String base;

    public ChatPage(Browser browser, String base) {
        this.browser = browser;
        this.base = base;
    }

    public Browser browser() {
        return browser;
    }

    /** Opens /chat with a clean storage, signs in under a name and waits until connected. */
    public ChatPage signIn(String name) {
        browser.open(base + "/chat");
        browser.script("localStorage.clear();");
        browser.open(base + "/chat");
        WebElement field = browser.until(d -> visible("signin-name"));
        field.sendKeys(name);
        browser.byTestId("signin-submit").click();
        awaitOnline();
        awaitActiveChannel("general");
        return this;
    }

    public void awaitOnline() {
        browser.until(d -> "online".equals(browser.byTestId("connection-state").getAttribute("data-state")));
    }

    public WebElement visible(String testId) {
        List<WebElement> found = browser.allByTestId(testId);
        return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
    }

    /** Clicks a channel in the sidebar and waits until it is the open one. */
    public void openChannel(String name) {
        browser.until(d -> {
            d.findElement(channelSelector(name)).click(); // retried if the sidebar re-rendered meanwhile
            return true;
        });
        awaitActiveChannel(name);
    }

    public WebElement channelItem(String name) {
        return browser.until(d -> d.findElement(channelSelector(name)));
    }

    private static By channelSelector(String name) {
        return By.cssSelector("[data-testid='channel-item'][data-channel='" + name + "'],"
                + "[data-testid='dm-item'][data-channel='" + name + "']");
    }

    public void awaitActiveChannel(String name) {
        browser.until(d -> !d.findElements(By.cssSelector("[aria-current='page'][data-channel='" + name + "']")).isEmpty()
                && !d.findElements(By.cssSelector("[data-testid='timeline-start'],[data-testid='message']")).isEmpty());
    }

    /** Types into the main composer and presses Enter; lines after the first are added with Shift+Enter. */
    public void send(String text) {
        WebElement input = composer();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                input.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
            }
            input.sendKeys(lines[i]);
        }
        input.sendKeys(Keys.ENTER);
    }

    public WebElement composer() {
        return browser.byTestId("composer").findElement(Browser.testId("composer-input"));
    }

    /** The message (in the open channel) whose body contains the text, once it is there. */
    public WebElement awaitMessage(String text) {
        return browser.until(d -> message(text));
    }

    private static final String BODIES = "return Array.from(document.querySelectorAll("
            + "\"[data-testid='message-list'] [data-testid='message']\")).filter(m => {"
            + "  const body = m.querySelector(\"[data-testid='message-body']\");"
            + "  return body && (arguments[1] ? body.innerText.trim() === arguments[0] : body.innerText.includes(arguments[0]));"
            + "})";

    /** The first message (in the open channel) whose body contains the text; NoSuchElementException if none. */
    public WebElement message(String text) {
        @SuppressWarnings("unchecked")
        List<WebElement> found = (List<WebElement>) browser.script(BODIES, text, false);
        if (found.isEmpty()) {
            throw new NoSuchElementException("no message containing '" + text + "'");
        }
        return found.get(0);
    }

    public boolean hasMessage(String text) {
        return countContaining(text) > 0;
    }

    /** How many messages' bodies contain this text (one script call, however long the list). */
    public long countContaining(String text) {
        return ((List<?>) browser.script(BODIES, text, false)).size();
    }

    /** How many messages' bodies are exactly this text. */
    public long countExactly(String text) {
        return ((List<?>) browser.script(BODIES, text, true)).size();
    }

    public List<WebElement> messages() {
        return browser.driver().findElements(By.cssSelector("[data-testid='message-list'] [data-testid='message']"));
    }

    /**
     * Hovers the message with this text so its toolbar shows, then presses one of its actions (react,
     * reply, thread, edit, delete). Retried as a whole: the message may be re-rendered meanwhile.
     */
    public void action(String text, String action) {
        browser.until(d -> {
            WebElement message = message(text);
            new Actions(d).moveToElement(message).perform();
            WebElement button = message.findElement(Browser.testId("action-" + action));
            if (!button.isDisplayed()) {
                return false;
            }
            button.click();
            return true;
        });
    }

    /** Reacts to the message with this text with one of the quick reactions. */
    public void react(String text, String emoji) {
        action(text, "react");
        browser.until(d -> d.findElement(By.cssSelector("[data-testid='reaction-choice'][data-emoji='" + emoji + "']")))
                .click();
    }

    /** The unread count shown on a sidebar item, or 0 when it has no badge. */
    public int unread(String channel) {
        return browser.until(d -> {
            List<WebElement> badges = d.findElement(channelSelector(channel)).findElements(Browser.testId("unread-badge"));
            return badges.isEmpty() ? 0 : Integer.parseInt(badges.get(0).getText().replace("+", ""));
        });
    }

    /** The ticks (0 sending, 1 sent or delivered, 2 read) of our own message with this text. */
    public String ticks(String text) {
        return message(text).findElement(Browser.testId("message-status")).getAttribute("data-ticks");
    }

    public String typingText() {
        return browser.byTestId("typing-text").getText();
    }
}
