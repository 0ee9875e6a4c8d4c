package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.InProcessHub;
import java.nio.file.Path;

/**
 * The set-up of a page test for one person: a real hub, its REST API, one Chromium signed in under a name. Closing it
 * checks that the page's console saw no uncaught error, then closes the browser and the hub.
 *
 * <pre>page = OnePersonOnAHub.start(dir, "ada", rest -> rest.createChannel("news", "carol", ""));</pre>
 */
final class OnePersonOnAHub implements AutoCloseable {
    /** What a test prepares through REST before the person signs in (channels to be listed at once, say). */
    @FunctionalInterface
    interface Before {
        void prepare(HubRest rest) throws Exception;
    }

    final InProcessHub hub;
    final HubRest rest;
    final Browser browser;
    final ChatPage page;
    private final String name;

    private OnePersonOnAHub(InProcessHub hub, Browser browser, String name) {
        this.hub = hub;
        this.rest = new HubRest(hub.port());
        this.browser = browser;
        this.page = new ChatPage(browser, rest.base());
        this.name = name;
    }

    static OnePersonOnAHub start(Path dir, String name, Before before) throws Exception {
        InProcessHub hub = InProcessHub.start(dir);
        OnePersonOnAHub started = new OnePersonOnAHub(hub, Browser.start(1280, 800), name);
        before.prepare(started.rest);
        started.page.signIn(name);
        return started;
    }

    static OnePersonOnAHub start(Path dir, String name) throws Exception {
        return start(dir, name, rest -> { });
    }

    @Override
    public void close() {
        try {
            assertThat(browser.consoleErrors()).as(name + "'s console").noneMatch(e -> e.contains("Uncaught"));
        } finally {
            browser.close();
            hub.close();
        }
    }
}
