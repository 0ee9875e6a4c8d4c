package dev.parley.testing;

import dev.parley.server.HubConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process hub (port 0, a database in its own temp folder) for each test, or for a whole class:
 * {@code @RegisterExtension final HubExtension hub = new HubExtension();} gives a fresh hub per test,
 * {@code @RegisterExtension static final HubExtension hub = ...} one hub for the class (its tests then share state,
 * so they must not depend on each other's absence). Settings: {@code new HubExtension(c -> c.withAuth(KEYS))}.
 */
public final class HubExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final UnaryOperator<HubConfig> settings;
    private boolean perClass;
    private Path dir;
    private HubConfig config;
    private InProcessHub hub;

    /** A hub with default settings. */
    public HubExtension() {
        this(UnaryOperator.identity());
    }

    /** A hub whose default config (on its temp database, 127.0.0.1, port 0) goes through {@code settings}. */
    public HubExtension(UnaryOperator<HubConfig> settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true; // only called when registered on a static field
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
    }

    /** The running hub. */
    public InProcessHub hub() {
        return hub;
    }

    public int port() {
        return hub.port();
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return hub.url();
    }

    /** REST calls to the hub. */
    public RestProbe rest() {
        return hub.rest();
    }

    /** A raw socket, connected and authenticated as {@code name} with these features. */
    public RawSocket client(String name, String... features) {
        return hub.client(name, features);
    }

    /** Stops the hub and starts it again on the same database and port: a hub restart under live clients. */
    public void restart() throws Exception {
        int port = hub.port();
        hub.close();
        hub = InProcessHub.start(config.withOverrides(null, null, port));
    }

    /** The hub's temp folder (its database is {@code hub.db} in it unless the settings moved it). */
    public Path dir() {
        return dir;
    }

    private void start() throws Exception {
        dir = Files.createTempDirectory("parley-hub-");
        // The loop guard off, as InProcessHub.start(dir) has it: the suite's clients are load, not agents.
        config = settings.apply(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withLoopGuard(0));
        hub = InProcessHub.start(config);
    }

    private void stop() throws IOException {
        if (hub != null) {
            hub.close();
            hub = null;
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
            dir = null;
        }
    }
}
