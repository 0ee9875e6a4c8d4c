package dev.parley.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A template can only write below the folder it is extracted to; a bad path stops everything before any write. */
class PathSafetyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/abs", "/etc/passwd", "a/../../x", "a/..", "..", "C:\\x", "C:/x", "c:x",
        "a\\..\\x", "a\\b", "a/\0/b", "a//b", "./a", "a/./b", "a/", "", "x:stream"})
    void refusesUnsafePaths(String path) {
        assertThat(PathSafety.problem(path)).isNotNull();
        assertThatThrownBy(() -> PathSafety.resolve(dir, path)).isInstanceOf(Failure.class)
                .satisfies(e -> assertThat(((Failure) e).exit).isEqualTo(Exit.VERIFICATION_FAILED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "src/main/java/A.java", "lib/org/x/1.0/x-1.0.jar", "a..b/c", "...", ".hidden/x"})
    void acceptsPlainRelativePaths(String path) {
        assertThat(PathSafety.problem(path)).isNull();
        assertThat(PathSafety.resolve(dir, path)).isEqualTo(dir.resolve(path));
    }

}
