package dev.parley.packer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packer never makes an entry the bootstrap refuses: no absolute, '..' or otherwise odd path. */
class PackedFileTest {
    private static final byte[] CONTENT = {1, 2, 3};

    @ParameterizedTest
    @ValueSource(strings = {"/abs", "../x", "a/../../x", "a//b", "./a", "a/", "", "a\\b", "C:/x", "a/\0/b"})
    void refusesAPathThatCouldLandOutsideItsFolder(String path) {
        assertThatThrownBy(() -> new PackedFile(path, "m", "doc", null, CONTENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refusing to pack");
        assertThatThrownBy(() -> new PackedFile("src/a.txt", "m", "resource", path, CONTENT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "modules/server/src/main/java/dev/parley/server/Hub.java", "a..b/c",
        ".hidden"})
    void acceptsAPlainRelativePath(String path) {
        assertThat(new PackedFile(path, "m", "doc", null, CONTENT).path()).isEqualTo(path);
    }
}
