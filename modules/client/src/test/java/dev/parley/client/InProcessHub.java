package dev.parley.client;

import dev.parley.server.Hub;
import dev.parley.server.HubConfig;
import java.nio.file.Path;

/** A real hub in this JVM, on a database in a temp dir and a free loopback port. */
final class InProcessHub implements AutoCloseable {
    private final Hub hub;

    private InProcessHub(Hub hub) {
        this.hub = hub;
    }

    static InProcessHub start(Path dir) throws Exception {
        return new InProcessHub(Hub.start(new HubConfig(dir.resolve("parley.db"), "127.0.0.1", 0)));
    }

    String url() {
        return "http://127.0.0.1:" + hub.port();
    }

    @Override
    public void close() {
        hub.close();
    }
}
