package dev.parley.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh in-process hub for each test, on a database in its own temp dir:
 * {@code @RegisterExtension final HubExtension hub = new HubExtension();} then {@code hub.url()}.
 */
final class HubExtension implements BeforeEachCallback, AfterEachCallback {
    private Path dir;
    private InProcessHub hub;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("parley-client-test");
        hub = InProcessHub.start(dir);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        hub.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    String url() {
        return hub.url();
    }

    /** A connected client with test settings. */
    ParleyClient connected(String name) {
        return TestClients.connected(url(), name);
    }

    /** A builder with test settings, for clients that need more configuration. */
    ParleyClientBuilder builder(String name) {
        return TestClients.builder(url(), name);
    }
}
