import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A template can only write below the folder it is extracted to; a bad path stops everything before any write. */
class BootstrapPathSafetyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/abs", "a/../../x", "C:\\x", "a\\..\\x"})
    void extractingATemplateWithAnUnsafePathWritesNothingAnywhere(String path) throws Exception {
        Path template = new TemplateDb().java("src/demo/Main.java", "package demo; class Main {}")
                .file(path, "evil", "doc", null, "pwned").write(dir.resolve("t/evil.db"));
        Path target = dir.resolve("t/out/inner/target");

        Commands.Result result = Commands.run(dir.resolve("t"), "--db", template.toString(), "--extract", "--target",
                target.toString());

        assertThat(result.code()).isEqualTo(4);
        assertThat(result.err()).contains(path.replace("\0", "?")).doesNotContain("\tat ");
        assertThat(target).doesNotExist();
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.getFileName().toString().equals("x") || p.toString().contains("abs")))
                    .isEmpty();
        }
    }

    @Test
    void aResourceNameThatClimbsOutIsRefusedToo() throws Exception {
        Path template = new TemplateDb().file("src/res.txt", "app", "resource", "../../escaped.txt", "r")
                .write(dir.resolve("evil.db"));

        Commands.Result result = Commands.run(dir, "--db", template.toString(), "--verify");

        assertThat(result.code()).isEqualTo(4);
        assertThat(result.err()).contains("../../escaped.txt");
    }
}
