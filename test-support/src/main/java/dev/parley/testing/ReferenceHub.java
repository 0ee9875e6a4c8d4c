package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The reference hub (Tentyl 2.0, Python) as a real child process on 127.0.0.1, for differential tests:
 * {@code try (ReferenceHub ref = ReferenceHub.start(dir)) { RestProbe.at(ref.port()) ... }}. Its modules come
 * out of the template in {@code test-support/reference/} (the fixture, never our code) into {@code dir}; it runs
 * on Debian's {@code /usr/bin/python3} with {@code python3-aiohttp}, which {@code scripts/setup-test-tools.sh}
 * installs on a fresh machine.
 */
public final class ReferenceHub implements AutoCloseable {
    /** The fixture, relative to the project folder (the tests' working directory). */
    public static final Path TEMPLATE = Path.of("test-support/reference/tentyl-template.db");
    private static final List<String> MODULES = List.of("tentyl_server", "tentyl_client", "tentyl_cli", "tentyl_db",
            "tentyl_protocol", "tentyl_config", "tentyl_web");
    private static final Duration START = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final int port;
    private final Path dir;

    private ReferenceHub(ChildProcess process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Extracts the reference into {@code dir} and starts it on a free port with its database in {@code dir}. */
    public static ReferenceHub start(Path dir) {
        extractModules(dir);
        // The reference takes a fixed port; a port found free can be taken by someone else before it binds,
        // so a start that dies is retried on another.
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            ChildProcess process = ChildProcess.start(List.of("/usr/bin/python3", "tentyl_server.py"), dir,
                    ChildProcess.env("TENTYL_HOME", dir.toString(), "TENTYL_DB", dir.resolve("t.db").toString(),
                            "TENTYL_HOST", "127.0.0.1", "TENTYL_PORT", Integer.toString(port),
                            "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
            RestProbe rest = RestProbe.at(port);
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (answers(rest)) {
                    return new ReferenceHub(process, port, dir);
                }
                // The reference prints nothing once it listens: polling its port is the only signal.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            last = new AssertionError("the reference hub did not answer /health on port " + port + "; output:\n"
                    + process.output());
            process.close();
        }
        throw last;
    }

    public int port() {
        return port;
    }

    /**
     * Runs the reference's own CLI ({@code tentyl_cli.py}) as {@code name} against any hub on 127.0.0.1, and returns
     * once it exited: the reference's client, unchanged, as its users run it.
     */
    public ChildProcess cli(int hubPort, String name, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3", "tentyl_cli.py"));
        command.addAll(List.of(args));
        ChildProcess cli = ChildProcess.start(command, dir, ChildProcess.env("TENTYL_HOME", dir.toString(),
                "TENTYL_NAME", name, "TENTYL_SERVER_URL", "ws://127.0.0.1:" + hubPort + "/ws",
                "TENTYL_HTTP_URL", "http://127.0.0.1:" + hubPort, "PATH", System.getenv().getOrDefault("PATH", "")));
        cli.awaitExit(START);
        return cli;
    }

    /** REST calls to the reference. */
    public RestProbe rest() {
        return RestProbe.at(port);
    }

    @Override
    public void close() {
        process.close();
    }

    private static boolean answers(RestProbe rest) {
        try {
            return rest.get("/health").statusCode() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static void extractModules(Path dir) {
        Properties readOnly = new Properties();
        readOnly.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY: the fixture is never written
        try (Connection db = new org.sqlite.JDBC().connect("jdbc:sqlite:" + TEMPLATE.toAbsolutePath(), readOnly);
             PreparedStatement select = db.prepareStatement(
                     "SELECT source_code FROM code_modules WHERE module_name = ?")) {
            Files.createDirectories(dir);
            for (String module : MODULES) {
                select.setString(1, module);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("the reference template has no module " + module);
                    }
                    Files.writeString(dir.resolve(module + ".py"), row.getString(1), StandardCharsets.UTF_8);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + TEMPLATE.toAbsolutePath(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
