package dev.parley.store;

import dev.parley.schema.MigrationSource;
import dev.parley.schema.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a clean template from a live database, for a new machine: the packed-files tables of
 * {@code template/schema.sql} copied row for row, and the runtime schema built afresh by the schema
 * steps the database itself packs ({@code template/migrations/} in {@code sqlar}), so the runtime
 * tables hold only the seed rows a freshly packed template has (the {@code general} channel) — no
 * message, participant, key or hub token leaves the machine.
 *
 * <pre>{@code
 * TemplateExport.Result result = TemplateExport.write(Path.of("parley.db"), Path.of("clean.db"));
 * }</pre>
 *
 * <p>The source is read through one connection in one transaction (a consistent snapshot beside a
 * serving hub, which WAL allows); the file is 0600 from its creation and removed again on failure.
 */
public final class TemplateExport {
    /**
     * The tables of {@code template/schema.sql}: what a template carries besides the runtime schema.
     * The signature rows live in {@code metadata} and stay (see {@link #MACHINE_NOTES}); everything else is rebuilt.
     */
    public static final List<String> TEMPLATE_TABLES =
            List.of("sqlar", "module_files", "module_info", "libraries", "metadata");
    /** The views of {@code template/schema.sql}, created after the tables they read. */
    static final List<String> TEMPLATE_VIEWS = List.of("code_modules");
    /**
     * Metadata the bootstrap's {@code --upgrade} writes about this machine's history and trust (the pinned
     * signer), not the template's; the signature rows stay, so the export verifies as its signer's.
     */
    static final List<String> MACHINE_NOTES = List.of("upgraded_from", "upgraded_at", "trusted_signer");
    /** Where the schema steps are packed; {@code migrations.txt} there gives their order. */
    static final String STEPS = "template/migrations/";

    private static final int BUSY_TIMEOUT_MS = 10_000;

    private TemplateExport() {}

    /** What an export wrote, for the command's report. */
    public record Result(Path file, String version, String buildHash, long files, long bytes) {}

    /**
     * Writes the template to {@code target}, which must not exist, and checks it with
     * {@code PRAGMA integrity_check}.
     *
     * @throws StoreException.Invalid when {@code live} is missing or was not installed from a template
     * @throws StoreException.Failure when reading, writing or the check fails
     */
    public static Result write(Path live, Path target) {
        Path source = live.toAbsolutePath();
        Path file = target.toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            throw new StoreException.Invalid("no database at " + source);
        }
        if (Files.exists(file)) {
            throw new StoreException.Invalid(file + " already exists: give another file");
        }
        try {
            PrivateFiles.createFolders(file.getParent()); // new folders 0700, as for backups
            PrivateFiles.createFile(file); // 0600 before a row is written
        } catch (IOException e) {
            throw new StoreException.Invalid("cannot create " + file + ": " + e);
        }
        try (Connection db = SqliteConnections.open(file)) {
            copyTemplate(db, source);
            new Migrations(packedSteps(db)).apply(db);
            run(db, "VACUUM");
            check(db);
            return new Result(file, metadata(db, "template_version"), metadata(db, "build_hash"),
                    number(db, "SELECT count(*) FROM module_files"), Files.size(file));
        } catch (SQLException | IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof StoreException store) {
                throw store;
            }
            throw new StoreException.Failure("cannot export a template from " + source + " to " + file, e);
        }
    }

    /** The template's tables and views as the live database defines them, and their rows. */
    private static void copyTemplate(Connection db, Path source) throws SQLException {
        run(db, "PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
        try (PreparedStatement attach = db.prepareStatement("ATTACH DATABASE ? AS live")) {
            attach.setString(1, source.toString());
            attach.execute();
        }
        try {
            db.setAutoCommit(false); // one read transaction on both files: a consistent snapshot of the live one
            run(db, "PRAGMA main.application_id=" + number(db, "PRAGMA live.application_id"));
            for (String table : TEMPLATE_TABLES) { // constant names, never input
                run(db, definition(db, "table", table, source));
                run(db, "INSERT INTO main." + table + " SELECT * FROM live." + table);
            }
            for (String view : TEMPLATE_VIEWS) {
                run(db, definition(db, "view", view, source));
            }
            try (PreparedStatement drop = db.prepareStatement("DELETE FROM main.metadata WHERE key = ?")) {
                for (String note : MACHINE_NOTES) {
                    drop.setString(1, note);
                    drop.executeUpdate();
                }
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
            run(db, "DETACH DATABASE live");
        }
    }

    private static void run(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static String definition(Connection db, String type, String name, Path source) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT sql FROM live.sqlite_master WHERE type = ? AND name = ?")) {
            query.setString(1, type);
            query.setString(2, name);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new StoreException.Invalid(source + " has no " + type + " '" + name + "': it was not"
                            + " installed from a template (a hub started on an empty file has no code to export)");
                }
                return row.getString(1);
            }
        }
    }

    /** The schema steps the exported template packs, read back from its own {@code sqlar} rows. */
    private static MigrationSource packedSteps(Connection db) throws SQLException {
        String index = packedText(db, STEPS + MigrationSource.INDEX);
        List<MigrationSource.Migration> steps = new ArrayList<>();
        for (String line : index.lines().map(String::strip).toList()) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                steps.add(new MigrationSource.Migration(MigrationSource.stepName(line), packedText(db, STEPS + line)));
            }
        }
        return () -> steps;
    }

    /** A packed text file: stored uncompressed ({@code sz = length(data)}), as {@code schema.sql} says. */
    private static String packedText(Connection db, String name) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT CAST(data AS TEXT) FROM sqlar WHERE name = ? AND sz = length(data)")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new StoreException.Invalid("the template packs no plain-text " + name);
                }
                return row.getString(1);
            }
        }
    }

    private static void check(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
             ResultSet verdict = statement.executeQuery("PRAGMA integrity_check")) {
            String answer = verdict.next() ? verdict.getString(1) : "no answer";
            if (!"ok".equals(answer)) {
                throw new SQLException("the copy failed PRAGMA integrity_check: " + answer);
            }
        }
    }

    private static String metadata(Connection db, String key) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT value FROM metadata WHERE key = ?")) {
            query.setString(1, key);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static long number(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-journal"));
        } catch (IOException e) {
            // the error about the failed export says more
        }
    }
}
