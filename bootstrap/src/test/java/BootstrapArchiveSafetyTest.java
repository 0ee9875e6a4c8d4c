import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code sqlar} entry is one the packer could have written (listed, a safe path, a regular file), sizes are
 * checked before anything is allocated, and --extract never follows a symbolic link already in its target.
 */
class BootstrapArchiveSafetyTest {
    private static final int S_IFLNK = 0120777;
    private static final String SOURCE = "src/demo/Main.java";

    @TempDir
    Path dir;
    Path template;

    @BeforeEach
    void writeAGenuineTemplate() throws Exception {
        template = new TemplateDb().java(SOURCE, "package demo; class Main {}").write(dir.resolve("t/parley.db"));
    }

    private Commands.Result verify() {
        return Commands.run(dir.resolve("t"), "--db", template.toString(), "--verify");
    }

    private void sql(String statement, Object... values) throws Exception {
        try (Connection db = Sqlite.open(template)) {
            TemplateDb.insert(db, statement, values);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unlisted.txt", "/tmp/absolute.txt", "../climbs.txt", "a/../../climbs.txt"})
    void anEntryThatModuleFilesDoesNotListOrThatEscapesIsRefused(String name) throws Exception {
        sql("INSERT INTO sqlar VALUES (?, 33188, 0, 3, ?)", name, "abc".getBytes(StandardCharsets.UTF_8));

        Commands.Result result = verify();

        assertThat(result.code()).as(result.all()).isEqualTo(4);
        assertThat(result.err()).contains(name).doesNotContain("\tat ");
        assertThat(result.err().strip().lines()).hasSize(1);
    }

    @Test
    void aSymlinkEntryIsRefusedEvenWhenListed() throws Exception {
        sql("UPDATE sqlar SET mode = ? WHERE name = ?", S_IFLNK, SOURCE);

        Commands.Result result = verify();

        assertThat(result.code()).as(result.all()).isEqualTo(4);
        assertThat(result.err()).contains(SOURCE, "symbolic link");
    }

    @Test
    void aCraftedSizeIsRefusedBeforeAnythingIsAllocated() throws Exception {
        long huge = 2_000_000_000L;
        sql("UPDATE sqlar SET sz = ?, data = ? WHERE name = ?", huge, TemplateDb.deflate(new byte[4096]), SOURCE);
        sql("UPDATE module_files SET size = ? WHERE path = ?", huge, SOURCE);

        Commands.Result result = verify();

        assertThat(result.code()).as(result.all()).isEqualTo(4);
        assertThat(result.err()).contains(SOURCE, "impossible size " + huge).doesNotContain("OutOfMemory");
    }

    @Test
    void aSizeThatDisagreesWithTheListIsRefused() throws Exception {
        sql("UPDATE sqlar SET sz = ? WHERE name = ?", 1_500_000_000L, SOURCE);

        Commands.Result result = verify();

        assertThat(result.code()).as(result.all()).isEqualTo(4);
        assertThat(result.err()).contains(SOURCE, "sz 1500000000", "listed with");
    }

    @Test
    void extractNeverFollowsASymlinkAlreadyInTheTarget() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path target = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(target.resolve("src"), outside);

        Commands.Result result = Commands.run(dir.resolve("t"), "--db", template.toString(), "--extract",
                "--target", target.toString());

        assertThat(result.code()).as(result.all()).isEqualTo(4);
        assertThat(result.err()).contains("symbolic link").doesNotContain("\tat ");
        try (Stream<Path> written = Files.walk(outside)) {
            assertThat(written.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void extractRefusesToWriteThroughAFileThatIsASymlink() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "untouched");
        Path target = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(target.resolve("README.md"), victim);

        Commands.Result result = Commands.run(dir.resolve("t"), "--db", template.toString(), "--extract",
                "--target", target.toString());

        assertThat(result.code()).as(result.all()).isEqualTo(4);
        assertThat(victim).hasContent("untouched");
    }
}
