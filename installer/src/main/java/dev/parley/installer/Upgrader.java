package dev.parley.installer;

import dev.parley.schema.MigrationSource;
import dev.parley.schema.Migrations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --upgrade NEW.db}, in two steps. First the live database's installer (code the user already trusts; stage 1
 * built it) copies NEW.db alone into a private folder (no -journal or -wal beside it can change what is checked),
 * verifies the copy, checks its signer against the pin or --trust, then builds NEW.db's installer from the verified
 * bytes and hands over to it ({@link #handOver}). NEW.db's installer, on NEW.db's sqlite-jdbc, then swaps the packed
 * tables of the live database for NEW.db's in one transaction and applies NEW.db's pending schema steps with the
 * hub's own {@link Migrations}; every runtime row stays ({@link #upgrade}). A forged or untrusted template's code
 * never runs.
 */
final class Upgrader {
    private static final List<String> PACKED_TABLES = List.of("sqlar", "module_files", "module_info",
            "libraries", "metadata");
    private static final String STEPS = "template/migrations/";

    private Upgrader() {}

    /**
     * The first step, in the live database's installer: a private, verified, trusted copy of NEW.db, whose own
     * installer then does the upgrade. A NEW.db without an installer (made before the two-stage bootstrap) is
     * upgraded by this installer instead.
     *
     * @param handover what stage 1 handed to this installer; NEW.db's gets the same, with {@code database} the
     *                 private copy, {@code upgrade_source} the file the user named and NEW.db's manifest and signer
     */
    static int handOver(Options options, Environment env, String[] args, Map<String, String> handover)
            throws Throwable {
        Path live = Home.liveDb(env, Home.of(env));
        Path incomingFile = checkFiles(options, env, live);
        Path work = Files.createTempDirectory("parley-upgrade-"); // 0700: nobody else can swap the copy
        try {
            Path copy = work.resolve(incomingFile.getFileName().toString());
            Files.copy(incomingFile, copy);
            Disk.ownerOnly(copy);
            Template incoming = Template.open(copy, incomingFile, true);
            Map<String, byte[]> contents = incoming.verify();
            String offered = checkSigner(options, live, Template.open(live), incoming, incomingFile);
            Failure.require(!Signature.UNSIGNED.equals(offered), Exit.VERIFICATION_FAILED, incomingFile
                    + " is unsigned: this bootstrap runs only signed code");
            InstallerBuild next = InstallerBuild.of(incoming);
            String own = handover.get("installer");
            if (next == null || own == null) {
                return upgrade(options, env, copy);
            }
            Path built = next.build(Path.of(own).getParent(), contents, env);
            contents = null; // NEW.db's installer verifies again, from the same private copy
            Map<String, String> theirs = new HashMap<>(handover);
            theirs.putAll(Map.of("database", copy.toString(), "upgrade_source", incomingFile.toString(),
                    "manifest", String.valueOf(incoming.metadata.get("manifest")), "signer", offered,
                    "installer", built.toString()));
            return next.call(built, args, env, theirs);
        } finally {
            Disk.deleteTree(work);
        }
    }

    /**
     * The second step, in NEW.db's installer (or the live one for a NEW.db without an installer).
     *
     * @param verifiedCopy the private copy of NEW.db the first step made (no journal or WAL beside it)
     */
    static int upgrade(Options options, Environment env, Path verifiedCopy) throws IOException {
        Home home = Home.of(env);
        Path live = Home.liveDb(env, home);
        Path incomingFile = checkFiles(options, env, live);
        HubLock lock = HubLock.acquire(live); // held throughout, so no hub starts halfway
        try {
            Template current = Template.open(live);
            // What was verified is what gets installed: both steps read this private copy, which has no -journal or
            // -wal beside it, and SQLite attaches it immutable, so nothing can roll it forward or back.
            Template incoming = Template.open(verifiedCopy, incomingFile, true);
            Map<String, byte[]> contents = incoming.verify();
            String trusted = current.trustedSigner();
            String offered = checkSigner(options, live, current, incoming, incomingFile);
            if (incoming.buildHash().equals(current.buildHash())) {
                env.out().println("already at build " + Hashes.hash12(current.buildHash()) + " (" + current.version()
                        + "); nothing to do");
                return Exit.OK.code;
            }
            if (Semver.compare(incoming.version(), current.version()) < 0 && !options.force) {
                throw new Failure(Exit.DOWNGRADE_REFUSED, "refusing to downgrade " + live + " from "
                        + current.version() + " to " + incoming.version() + "; add --force to do it anyway");
            }
            MigrationSource steps = steps(contents);
            try {
                try (Connection db = Sqlite.open(live)) {
                    Path backup = backup(db, home, current.version());
                    env.out().println("backed up " + live + " to " + backup);
                    List<String> applied = swap(db, verifiedCopy, current, steps, offered);
                    env.out().println("upgraded " + live + " from " + current.version() + " (build "
                            + Hashes.hash12(current.buildHash()) + ") to " + incoming.version() + " (build "
                            + Hashes.hash12(incoming.buildHash()) + ")");
                    env.out().println(applied.isEmpty() ? "no pending schema steps"
                            : "schema steps applied: " + String.join(", ", applied));
                    env.out().println("the next start builds " + Hashes.hash12(incoming.buildHash())
                            + (offered.equals(trusted) ? "" : "; now trusting templates signed by " + offered));
                }
            } catch (SQLException e) {
                throw new Failure(Exit.UNEXPECTED, "upgrade failed, " + live + " is unchanged: " + e.getMessage());
            }
            return Exit.OK.code;
        } finally {
            lock.close();
        }
    }

    /** NEW.db as the user named it, after the checks both steps make. */
    private static Path checkFiles(Options options, Environment env, Path live) throws IOException {
        Path incomingFile = env.cwd().resolve(options.upgrade).normalize();
        Failure.require(Files.isRegularFile(live), Exit.NO_DATABASE, "nothing to upgrade: there is no database at "
                + live);
        Failure.require(Files.isRegularFile(incomingFile), Exit.NO_DATABASE, "no such template: " + incomingFile);
        Failure.require(!Files.isSameFile(live, incomingFile), Exit.USAGE, incomingFile
                + " is the live database itself");
        return incomingFile;
    }

    /** NEW.db's signer, when it is the one the live database trusts or the one --trust names. */
    private static String checkSigner(Options options, Path live, Template current, Template incoming,
            Path incomingFile) {
        String trusted = current.trustedSigner();
        String offered = incoming.signer();
        Failure.require(offered.equals(trusted) || offered.equals(options.trust), Exit.VERIFICATION_FAILED,
                "refusing to upgrade: " + live + " trusts templates signed by " + trusted + ", but " + incomingFile
                + " is signed by " + offered + (options.trust != null ? " (not " + options.trust + ")" : "")
                + "; if you trust it: java Bootstrap.java --upgrade " + options.upgrade + " --trust " + offered);
        return offered;
    }

    /** migrations.txt's steps in order, name (file name without .sql) and SQL, all from verified content. */
    static MigrationSource steps(Map<String, byte[]> contents) {
        List<MigrationSource.Migration> steps = new ArrayList<>();
        byte[] list = contents.get(STEPS + MigrationSource.INDEX);
        for (String line : list == null ? new String[0] : new String(list, StandardCharsets.UTF_8).split("\\R")) {
            String fileName = line.strip();
            if (fileName.isEmpty() || fileName.startsWith("#")) {
                continue;
            }
            byte[] sql = PathSafety.problem(fileName) == null && !fileName.contains("/")
                    ? contents.get(STEPS + fileName) : null;
            Failure.require(sql != null, Exit.VERIFICATION_FAILED, "migrations.txt lists '" + fileName + "' but the "
                    + "template has no " + STEPS + fileName);
            steps.add(new MigrationSource.Migration(MigrationSource.stepName(fileName),
                    new String(sql, StandardCharsets.UTF_8)));
        }
        return () -> steps;
    }

    private static Path backup(Connection db, Home home, String version) throws IOException, SQLException {
        Disk.createPrivateFolders(home.backups());
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String base = "parley-" + stamp + "-" + String.valueOf(version).replaceAll("[^A-Za-z0-9.+-]", "_");
        Path backup = home.backups().resolve(base + ".db");
        for (int n = 2; Files.exists(backup); n++) {
            backup = home.backups().resolve(base + "-" + n + ".db");
        }
        Files.createFile(backup); // VACUUM INTO fills an empty file; made private before it holds anything
        Disk.ownerOnly(backup);
        try (PreparedStatement vacuum = db.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, backup.toString());
            vacuum.execute();
        }
        return backup;
    }

    /** One transaction: the packed tables from the verified copy, upgrade notes and pin, pending schema steps. */
    private static List<String> swap(Connection db, Path verifiedCopy, Template current,
            MigrationSource steps, String signer) throws SQLException {
        List<String> applied = new ArrayList<>();
        try (Statement sql = db.createStatement()) {
            try (PreparedStatement attach = db.prepareStatement("ATTACH DATABASE ? AS incoming")) {
                attach.setString(1, verifiedCopy.toUri() + "?mode=ro&immutable=1");
                attach.execute();
            }
            try {
                sql.execute("BEGIN IMMEDIATE");
                for (String table : PACKED_TABLES) { // constant names, never input
                    sql.executeUpdate("DELETE FROM main." + table);
                    sql.executeUpdate("INSERT INTO main." + table + " SELECT * FROM incoming." + table);
                }
                try (PreparedStatement note = db.prepareStatement(
                        "INSERT OR REPLACE INTO main.metadata(key, value) VALUES (?, ?)")) {
                    note.setString(1, "upgraded_from");
                    note.setString(2, current.version() + " (" + current.buildHash() + ")");
                    note.executeUpdate();
                    note.setString(1, "upgraded_at");
                    note.setString(2, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                    note.executeUpdate();
                    note.setString(1, Signature.PIN); // the metadata rows were just replaced: pin again
                    note.setString(2, signer);
                    note.executeUpdate();
                }
                applied.addAll(new Migrations(steps).applyWithin(db));
                sql.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    sql.execute("ROLLBACK");
                } catch (SQLException noTransaction) {
                    // BEGIN itself failed: nothing to roll back
                }
                throw e;
            } finally {
                try {
                    sql.execute("DETACH DATABASE incoming");
                } catch (SQLException ignored) {
                    // the connection closes right after anyway
                }
            }
        }
        return applied;
    }
}
