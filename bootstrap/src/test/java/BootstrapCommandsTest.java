import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --verify, --list, --extract and --help on template-shaped databases, and the errors users see. */
class BootstrapCommandsTest {
    private static final String MAIN = "modules/app/src/main/java/demo/Main.java";
    private static final String BIG = "modules/app/src/main/resources/demo/big.txt";

    @TempDir
    Path dir;
    Path template;

    @BeforeEach
    void packTemplate() throws Exception {
        template = new TemplateDb()
                .java(MAIN, "package demo; public class Main { public static void main(String[] a) {} }")
                .file(BIG, "app", "resource", "demo/big.txt", "compressible ".repeat(5000)) // stored deflated
                .library("org.example", "tiny", "1.0", "not really a jar".getBytes(StandardCharsets.UTF_8), true)
                .write(dir.resolve("parley.db"));
    }

    @Test
    void verifyReportsOkForAnIntactTemplate() {
        Commands.Result result = Commands.run(dir, "--verify");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("OK ").contains((3 + InstallerSources.files().size())
                + " files and 2 libraries"); // the demo's 3, the installer's sources, its jar and sqlite-jdbc
    }

    @Test
    void verifyNamesAFileWhoseContentWasChangedAfterPacking() throws Exception {
        for (String path : new String[] {MAIN, BIG}) {
            packTemplate();
            try (Connection db = Sqlite.open(template)) {
                TemplateDb.insert(db, "UPDATE sqlar SET data = ? WHERE name = ?",
                        "class Main { /* evil */ }".getBytes(StandardCharsets.UTF_8), path);
            }

            Commands.Result result = Commands.run(dir, "--verify");

            assertThat(result.code()).isEqualTo(4);
            assertThat(result.err()).contains(path).doesNotContain("\tat ").hasLineCount(1);
        }
    }

    @Test
    void verifyCatchesABuildHashThatDoesNotMatchTheFiles() throws Exception {
        try (Connection db = Sqlite.open(template)) {
            TemplateDb.insert(db, "UPDATE module_files SET sha256 = ?, size = 8 WHERE path = 'README.md'",
                    InstallerSources.sha256("# other\n".getBytes(StandardCharsets.UTF_8)));
            TemplateDb.insert(db, "UPDATE sqlar SET data = ?, sz = 8 WHERE name = 'README.md'",
                    "# other\n".getBytes(StandardCharsets.UTF_8));
        }

        Commands.Result result = Commands.run(dir, "--verify");

        assertThat(result.code()).isEqualTo(4);
        assertThat(result.err()).contains("build_hash");
    }

    @Test
    void listShowsTheMetadataModulesAndLibraries() {
        Commands.Result result = Commands.run(dir, "--list", "--db", "parley.db");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("template_version", "0.1.0", "main_class", "demo.Main")
                .containsPattern("app +java\\+resource +2 files")
                .contains("the app module", "org.example:tiny:1.0", "packed");
    }

    @Test
    void extractWritesEveryVerifiedFileByItsPathWithoutBuilding() throws Exception {
        Commands.Result result = Commands.run(dir, "--extract", "--target", "src-copy");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(dir.resolve("src-copy").resolve(BIG)).hasContent("compressible ".repeat(5000));
        assertThat(dir.resolve("src-copy").resolve(MAIN)).exists();
        assertThat(dir.resolve("src-copy/lib/org/example/tiny/1.0/tiny-1.0.jar")).hasContent("not really a jar");
        assertThat(dir.resolve("home")).doesNotExist();
    }

    @Test
    void extractsToParleySrcByDefault() {
        assertThat(Commands.run(dir, "--extract").code()).isZero();
        assertThat(dir.resolve("parley-src/README.md")).hasContent("# demo");
    }

    @Test
    void refusesASqliteDatabaseThatIsNotParleys() throws Exception {
        try (Connection db = Sqlite.open(dir.resolve("other.db"))) {
            Sqlite.execute(db, "CREATE TABLE t(x)");
        }
        Files.writeString(dir.resolve("notes.db"), "hello");

        Commands.Result other = Commands.run(dir, "--verify", "--db", "other.db");
        Commands.Result text = Commands.run(dir, "--list", "--db", "notes.db");

        assertThat(other.code()).isEqualTo(3);
        assertThat(other.err()).contains("is not a Parley database");
        assertThat(text.code()).isEqualTo(3);
        assertThat(text.err()).contains("not a SQLite database");
    }

    @Test
    void refusesATemplateFormatItDoesNotKnow() throws Exception {
        Path future = new TemplateDb().metadata("format", "2").write(dir.resolve("future.db"));

        Commands.Result result = Commands.run(dir, "--verify", "--db", future.toString());

        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err()).contains("format 2");
    }

    @Test
    void saysSoWhenThereIsNoDatabaseAnywhere() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        Commands.Result start = Commands.run(empty, "--no-run");
        Commands.Result missing = Commands.run(empty, "--verify", "--db", "nope.db");

        assertThat(start.code()).isEqualTo(3);
        assertThat(start.err()).contains("no database").hasLineCount(1);
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).contains("nope.db");
    }

    @Test
    void aMistakeOnTheCommandLineIsAOneLineUsageError() {
        for (String[] args : new String[][] {{"--frobnicate"}, {"--db"}, {"--list", "--verify"}, {"stray"},
            {"--target", "x"}, {"--force"}, {"--list=yes"}, {"--verify", "--", "--port", "1"}}) {
            Commands.Result result = Commands.run(dir, args);

            assertThat(result.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.err()).startsWith("parley-bootstrap: ").contains("--help").hasLineCount(1);
        }
    }

    @Test
    void helpListsEveryOptionAndExitCode() {
        Commands.Result result = Commands.run(dir, "--help");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("--db FILE", "--list", "--verify", "--extract", "--target DIR", "--no-run",
                "--upgrade NEW.db", "--force", "--jbang", "PARLEY_HOME", "PARLEY_DB");
        for (dev.parley.installer.Exit exit : dev.parley.installer.Exit.values()) {
            assertThat(result.out()).contains("  " + exit.code() + "  " + exit.meaning());
        }
    }
}
