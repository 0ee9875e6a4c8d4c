package dev.parley.server;

import dev.parley.store.Database;
import dev.parley.store.MigrationSource;
import dev.parley.store.Migrations;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub: the database lock, the schema brought up to date, and the HTTP server.
 *
 * <p>Wiring only; each resource's routes live in their own class.
 */
public final class Hub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    private final HubLock lock;
    private final Javalin server;
    private final Connection reader;

    private Hub(HubLock lock, Javalin server, Connection reader) {
        this.lock = lock;
        this.server = server;
        this.reader = reader;
    }

    /** Locks the database, applies pending migrations, and starts serving. */
    public static Hub start(HubConfig config) throws Exception {
        Files.createDirectories(config.db().toAbsolutePath().getParent());
        HubLock lock = HubLock.acquire(config.db());
        try {
            Database database = new Database(config.db());
            try (Connection writer = database.openWriter()) {
                List<String> applied = new Migrations(MigrationSource.classpath()).apply(writer);
                if (!applied.isEmpty()) {
                    log.info("applied migrations {}", applied);
                }
                recordStart(writer);
            }
            Connection reader = database.openReader();
            HubInfo info = HubInfo.read(reader);
            HealthRoutes health = new HealthRoutes(info, reader);
            Javalin server = Javalin.create(javalin -> {
                javalin.startup.startupWatcherEnabled = false;
                javalin.startup.showJavalinBanner = false;
                health.register(javalin.routes);
            }).start(config.host(), config.port());
            log.info("Parley {} ({}) serving {} on http://{}:{}", info.version(), info.shortHash(),
                    config.db(), config.host(), server.port());
            return new Hub(lock, server, reader);
        } catch (Exception e) {
            lock.close();
            throw e;
        }
    }

    private static void recordStart(Connection writer) throws SQLException {
        try (PreparedStatement statement = writer.prepareStatement(
                "INSERT OR REPLACE INTO hub_settings(key, value) VALUES ('last_started_at', ?)")) {
            statement.setString(1, Instant.now().toString());
            statement.executeUpdate();
        }
    }

    /** The port the server listens on (useful with port 0). */
    public int port() {
        return server.port();
    }

    /** Stops serving, closes the database and releases the lock. */
    @Override
    public void close() {
        server.stop();
        try {
            reader.close();
        } catch (SQLException e) {
            log.warn("closing the reader failed", e);
        }
        lock.close();
        log.info("hub stopped");
    }
}
