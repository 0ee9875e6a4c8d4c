package dev.parley.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real hub per test class, over a database in a fresh temp folder, and a {@link Cli} pointed at it.
 *
 * <pre>@RegisterExtension static final SharedHub shared = SharedHub.withName("alice");</pre>
 *
 * <p>With {@link #dbInHome()} the hub's database is the CLI's {@code $PARLEY_HOME/parley.db}, as on a hub's own
 * machine (invite, backup).
 */
public final class SharedHub implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private boolean dbInHome;
    private Path dir;
    private CliHub hub;
    private Cli cli;

    private SharedHub(String name) {
        this.name = name;
    }

    /** A shared hub; the CLI acts as {@code name} (null: no PARLEY_NAME). */
    public static SharedHub withName(String name) {
        return new SharedHub(name);
    }

    /** Keeps the hub's database at {@code $PARLEY_HOME/parley.db}. */
    public SharedHub dbInHome() {
        dbInHome = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("parley-cli-test");
        Path home = dir.resolve("home");
        hub = CliHub.start(dbInHome ? home.resolve("parley.db") : dir.resolve("hub.db"));
        cli = new Cli(hub.url(), home).with("PARLEY_NAME", name);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        hub.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    public CliHub hub() {
        return hub;
    }

    public Cli cli() {
        return cli;
    }

    /** The class's temp folder (the CLI's home is {@code home/} in it). */
    public Path dir() {
        return dir;
    }
}
