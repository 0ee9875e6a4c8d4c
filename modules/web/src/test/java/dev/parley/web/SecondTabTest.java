package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.InProcessHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One person in two tabs (a laptop and a phone): what either sends shows in both, once each (the hub echoes one's
 * own messages to sessions that ask for them; the sending tab drops the echo of what it has).
 */
class SecondTabTest {
    @Test
    void what_one_tab_sends_shows_once_in_the_other_and_once_in_itself(@TempDir Path dir) throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             Browser laptopBrowser = Browser.start(1280, 800);
             Browser phoneBrowser = Browser.start(1280, 800)) {
            HubRest rest = new HubRest(hub.port());
            ChatPage laptop = new ChatPage(laptopBrowser, rest.base()).signIn("ada");
            ChatPage phone = new ChatPage(phoneBrowser, rest.base()).signIn("ada");

            laptop.send("written on the laptop");
            phone.awaitMessage("written on the laptop");
            phone.send("answered from the phone");
            laptop.awaitMessage("answered from the phone");
            rest.send("grace", "general", "a barrier from someone else");
            laptop.awaitMessage("a barrier from someone else");
            phone.awaitMessage("a barrier from someone else");

            for (ChatPage tab : new ChatPage[] {laptop, phone}) {
                assertThat(tab.countExactly("written on the laptop")).isEqualTo(1);
                assertThat(tab.countExactly("answered from the phone")).isEqualTo(1);
            }
            assertThat(phone.unread("general")).as("one's own messages are never unread").isZero();
            assertThat(laptopBrowser.consoleErrors()).noneMatch(e -> e.contains("Uncaught"));
        }
    }
}
