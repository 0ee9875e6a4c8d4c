import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --upgrade NEW.db}: the packed tables are swapped for NEW.db's and its pending schema steps applied, in one
 * transaction, with the sqlite-jdbc driver NEW.db carries; runtime rows stay; a backup is taken first.
 */
class BootstrapUpgradeTest {
    private static byte[] driverJar;

    @TempDir
    Path dir;
    Path live;
    Path repo;

    @BeforeAll
    static void readDriver() throws Exception {
        driverJar = Files.readAllBytes(Jars.sqliteJdbc());
    }

    @BeforeEach
    void installVersionOneWithRuntimeRows() throws Exception {
        live = dir.resolve("home/parley.db");
        repo = Jars.repository(dir.resolve("repo"), "org.xerial", "sqlite-jdbc", "3.54.1.0", driverJar);
        version("1.0.0", false).write(live);
        try (Connection db = Sqlite.open(live)) {
            Sqlite.execute(db, "PRAGMA journal_mode=WAL");
            for (int i = 0; i < 500; i++) {
                TemplateDb.insert(db, "INSERT INTO notes(body) VALUES (?)", "note " + i);
            }
        }
    }

    /** Version 1 has one schema step; later versions add a second; all carry sqlite-jdbc (packed unless lean). */
    private static TemplateDb version(String version, boolean lean) {
        TemplateDb template = new TemplateDb().version(version)
                .file("modules/app/Version.txt", "app", "doc", null, version)
                .step("0001_notes.sql", "CREATE TABLE notes(body TEXT NOT NULL);", true)
                .library("org.xerial", "sqlite-jdbc", "3.54.1.0", driverJar, !lean);
        if (!version.equals("1.0.0")) {
            template.step("0002_tags.sql", "-- tags for notes\nCREATE TABLE tags(name TEXT);\n"
                    + "INSERT INTO tags VALUES ('first; tag');\n", false);
        }
        return template;
    }

    private Commands.Result upgrade(Path template, String... more) {
        String[] args = Stream.concat(Stream.of("--upgrade", template.toString()), Stream.of(more))
                .toArray(String[]::new);
        return Commands.run(dir, Map.of("PARLEY_MAVEN_REPO", repo.toString()), args);
    }

    @Test
    void swapsThePackedTablesAppliesPendingStepsAndKeepsEveryRuntimeRow() throws Exception {
        TemplateDb next = version("1.1.0", false);
        Path template = next.write(dir.resolve("v1.1.db"));

        Commands.Result result = upgrade(template);

        assertThat(result.code()).as(result.all()).isZero();
        assertThat(result.out()).contains("from 1.0.0", "to 1.1.0", "schema steps applied: 0002_tags",
                "the next start builds " + next.buildHash().substring(0, 12));
        Map<String, String> upgraded = Sqlite.metadata(live);
        assertThat(upgraded.get("template_version")).isEqualTo("1.1.0");
        assertThat(upgraded.get("build_hash")).isEqualTo(next.buildHash());
        assertThat(upgraded).containsKeys("upgraded_at").containsEntry("upgraded_from", "1.0.0 ("
                + version("1.0.0", false).buildHash() + ")");
        Commands.Result verified = Commands.run(dir, Map.of("PARLEY_MAVEN_REPO", repo.toString()), "--verify");
        assertThat(verified.code()).as(verified.all()).isZero();
        assertThat(Sqlite.sqlar(live, "template/migrations/0002_tags.sql")).isNotNull();
        assertThat(Sqlite.oracle(live, "notes")).hasSize(500);
        assertThat(Sqlite.oracle(live, "tags")).containsExactly(List.of("first; tag"));
        assertThat(Sqlite.oracle(live, "migrations")).extracting(row -> row.get(0))
                .containsExactly("0001_notes", "0002_tags");
        try (Stream<Path> backups = Files.list(dir.resolve("home/backups"))) {
            Path backup = backups.findFirst().orElseThrow();
            assertThat(backup.getFileName().toString()).matches("parley-\\d{8}-\\d{6}-1\\.0\\.0\\.db");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.getParent())))
                    .isEqualTo("rwx------");
            assertThat(Sqlite.oracle(backup, "notes")).hasSize(500);
            assertThat(Sqlite.metadata(backup, "template_version")).isEqualTo("1.0.0");
        }
    }

    @Test
    void theLiveInstallerHandsOverToTheNewTemplatesOwnInstallerWhichDoesTheUpgrade() throws Exception {
        String path = "installer/src/main/java/dev/parley/installer/Upgrader.java";
        String marked = new String(InstallerSources.files().get(path), StandardCharsets.UTF_8)
                .replace("\"upgraded \" + live", "\"upgraded (by the new installer) \" + live");
        assertThat(marked).as("the marker went in").contains("by the new installer");
        Path template = version("1.1.0", false).file(path, "installer", "installer", null, marked)
                .write(dir.resolve("v1.1.db"));

        Path cache = dir.resolve("installers"); // this test's own, to see which build is current
        Map<String, String> variables = Map.of("PARLEY_MAVEN_REPO", repo.toString(), "PARLEY_INSTALLER_CACHE",
                cache.toString());

        Commands.Result result = Commands.run(dir, variables, "--upgrade", template.toString());

        assertThat(result.code()).as(result.all()).isZero();
        assertThat(result.out()).contains("building the installer of " + template,
                "upgraded (by the new installer) " + live + " from 1.0.0");
        String current = Files.readString(cache.resolve("current")).strip();
        assertThat(Files.readString(cache.resolve(current).resolve(".built")))
                .as("the new installer's build is now the current one, for parley prune")
                .contains(path + " " + InstallerSources.sha256(marked.getBytes(StandardCharsets.UTF_8)));
        Commands.Result again = Commands.run(dir, variables, "--upgrade", template.toString());
        assertThat(again.out()).as("the new installer's build is cached").doesNotContain("building the installer")
                .contains("nothing to do");
    }

    @Test
    void borrowsTheDriverOfALeanTemplateFromTheLocalMavenRepository() throws Exception {
        Path template = version("1.1.0", true).write(dir.resolve("lean.db"));

        Commands.Result result = upgrade(template);

        assertThat(result.code()).as(result.all()).isZero();
        assertThat(Sqlite.metadata(live, "template_version")).isEqualTo("1.1.0");
    }

    @Test
    void refusesWhileAHubServesTheDatabase() throws Exception {
        Path template = version("1.1.0", false).write(dir.resolve("v1.1.db"));

        try (FileChannel channel = FileChannel.open(dir.resolve("home/parley.db.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock hub = channel.lock()) {
            Commands.Result result = upgrade(template);

            assertThat(hub.isValid()).isTrue();
            assertThat(result.code()).isEqualTo(6);
        }
        assertThat(Sqlite.metadata(live, "template_version")).isEqualTo("1.0.0");
    }

    @Test
    void refusesADowngradeUnlessForced() throws Exception {
        Path older = version("0.9.0", false).write(dir.resolve("v0.9.db"));

        Commands.Result refused = upgrade(older);
        assertThat(refused.code()).isEqualTo(7);
        assertThat(refused.err()).contains("--force").hasLineCount(1);
        assertThat(Sqlite.metadata(live, "template_version")).isEqualTo("1.0.0");

        Commands.Result forced = upgrade(older, "--force");
        assertThat(forced.code()).as(forced.all()).isZero();
        assertThat(Sqlite.metadata(live, "template_version")).isEqualTo("0.9.0");
    }

    @Test
    void doesNothingWhenTheTemplateHoldsTheSameBuild() throws Exception {
        Path same = version("1.0.0", false).write(dir.resolve("same.db"));

        Commands.Result result = upgrade(same);

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("already at build");
        assertThat(dir.resolve("home/backups")).doesNotExist();
    }

    @Test
    void appliesAStepWithATriggerAndSemicolonsInCommentsAndStringsAsOneScript() throws Exception {
        Path next = version("1.0.0", false).version("1.3.0").step("0002_note_log.sql", """
                -- every new note is logged; the trigger body holds two statements
                CREATE TABLE note_log(entry TEXT NOT NULL); /* block; comment */
                CREATE TRIGGER notes_logged AFTER INSERT ON notes BEGIN
                    INSERT INTO note_log VALUES ('added; ' || new.body);
                    INSERT INTO note_log VALUES ('it''s; logged');
                END;
                INSERT INTO notes(body) VALUES ('first; logged note');
                """, false).write(dir.resolve("v1.3.db"));

        Commands.Result result = upgrade(next);

        assertThat(result.code()).as(result.all()).isZero();
        assertThat(Sqlite.oracle(live, "note_log")).extracting(row -> row.get(0))
                .containsExactly("added; first; logged note", "it's; logged");
        assertThat(Sqlite.oracle(live, "migrations")).extracting(row -> row.get(0))
                .containsExactly("0001_notes", "0002_note_log");
    }

    @Test
    void aFailingSchemaStepRollsEverythingBackAndSaysWhichStep() throws Exception {
        Path broken = version("1.0.0", false).version("1.2.0")
                .step("0002_broken.sql", "CREATE TABLE fine(x);\nCREATE TABLE notes(dup);\n", false)
                .write(dir.resolve("broken.db"));
        String before = Sqlite.metadata(live, "build_hash");

        Commands.Result result = upgrade(broken);

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("0002_broken", "unchanged").hasLineCount(1);
        assertThat(Sqlite.metadata(live, "build_hash")).isEqualTo(before);
        assertThat(Sqlite.metadata(live)).doesNotContainKey("upgraded_from");
        assertThat(Sqlite.oracle(live, "migrations")).hasSize(1);
        assertThat(Sqlite.oracle(live, "notes")).hasSize(500);
    }

    @Test
    void refusesATamperedTemplateBeforeTouchingAnything() throws Exception {
        Path template = version("1.1.0", false).write(dir.resolve("v1.1.db"));
        try (Connection db = Sqlite.open(template)) {
            TemplateDb.insert(db, "UPDATE sqlar SET data = ? WHERE name = ?", "DROP TABLE notes;".getBytes(),
                    "template/migrations/0002_tags.sql");
        }

        Commands.Result result = upgrade(template);

        assertThat(result.code()).isEqualTo(4);
        assertThat(result.err()).contains("template/migrations/0002_tags.sql");
        assertThat(dir.resolve("home/backups")).doesNotExist();
        assertThat(Sqlite.oracle(live, "notes")).hasSize(500);
    }

    @Test
    void aHotJournalBesideTheTemplateCannotChangeWhatIsInstalled() throws Exception {
        TemplateDb genuine = version("1.1.0", false).file("modules/app/Payload.txt", "app", "doc", null, "genuine");
        TemplateDb forged = version("1.1.0", false).file("modules/app/Payload.txt", "app", "doc", null, "forged!");
        Path template = genuine.write(dir.resolve("in/v1.1.db"));
        HotJournal.write(template, forged.write(dir.resolve("forged/v1.1.db")));
        Path probe = Files.createDirectories(dir.resolve("probe")).resolve("v1.1.db");
        Files.copy(template, probe);
        Files.copy(Path.of(template + "-journal"), Path.of(probe + "-journal"));
        assertThat(payload(probe)).as("SQLite would apply the journal").isEqualTo("forged!");

        Commands.Result result = upgrade(template);

        assertThat(result.code()).as(result.all()).isZero();
        assertThat(Sqlite.metadata(live, "build_hash")).isEqualTo(genuine.buildHash());
        assertThat(Sqlite.sqlar(live, "modules/app/Payload.txt")).asString().isEqualTo("genuine");
        assertThat(Path.of(template + "-journal")).as("the incoming template is left as it was").exists();
    }

    @Test
    void aTemplateInWalModeIsInstalledFromItsImmutableCopyToo() throws Exception {
        TemplateDb next = version("1.1.0", false);
        Path template = next.write(dir.resolve("wal/v1.1.db"));
        try (Connection db = Sqlite.open(template)) {
            Sqlite.execute(db, "PRAGMA journal_mode=WAL"); // a live database handed on as a template
        }
        assertThat(Files.readAllBytes(template)[18]).as("the header says WAL").isEqualTo((byte) 2);

        Commands.Result result = upgrade(template);

        assertThat(result.code()).as(result.all()).isZero();
        assertThat(Sqlite.metadata(live, "build_hash")).isEqualTo(next.buildHash());
    }

    @Test
    void aRefusedTemplateIsNamedAsTheUserGaveItNotByItsPrivateCopy() throws Exception {
        Path notParley = dir.resolve("other.db");
        try (Connection db = Sqlite.open(notParley)) {
            Sqlite.execute(db, "CREATE TABLE t(x)");
        }

        Commands.Result result = upgrade(notParley);

        assertThat(result.code()).as(result.all()).isEqualTo(3);
        assertThat(result.err()).contains(notParley + " is not a Parley database").doesNotContain("parley-upgrade-");
    }

    private static String payload(Path db) throws Exception {
        try (Connection connection = Sqlite.open(db);
             Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("SELECT data FROM sqlar WHERE name = 'modules/app/Payload.txt'")) {
            return row.next() ? new String(row.getBytes(1), StandardCharsets.UTF_8) : null;
        }
    }

    @Test
    void saysSoWhenThereIsNothingToUpgrade() throws Exception {
        Path template = version("1.1.0", false).write(dir.resolve("v1.1.db"));
        Files.delete(live);

        Commands.Result result = upgrade(template);

        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err()).contains("nothing to upgrade");
    }
}
