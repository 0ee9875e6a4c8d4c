package dev.parley.mcp;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** For a whole test class: a real hub in this JVM, on a database in a temp dir. */
abstract class WithHub {
    @TempDir
    static Path dir;
    static TestHub hub;

    @BeforeAll
    static void startHub() throws Exception {
        hub = new TestHub(dir);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }
}
