import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --extract never follows a symbolic link already in its target. */
class BootstrapArchiveSafetyTest {
    private static final String SOURCE = "src/demo/Main.java";

    @TempDir
    Path dir;
    Path template;

    @BeforeEach
    void writeAGenuineTemplate() throws Exception {
        template = new TemplateDb().java(SOURCE, "package demo; class Main {}").write(dir.resolve("t/parley.db"));
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
