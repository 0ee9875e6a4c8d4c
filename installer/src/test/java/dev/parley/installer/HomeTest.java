package dev.parley.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Parley keeps its files, for each OS, with and without PARLEY_HOME and PARLEY_DB. */
class HomeTest {
    @TempDir
    Path dir;

    @Test
    void isDotParleyInTheUserHomeOnLinuxAndMacos() {
        assertThat(Home.locate("Linux", Map.of(), "/home/ada")).isEqualTo("/home/ada/.parley");
        assertThat(Home.locate("Mac OS X", Map.of(), "/Users/Ada Lovelace"))
                .isEqualTo("/Users/Ada Lovelace/.parley");
    }

    @Test
    void isDotParleyInTheUserProfileOnWindowsWhenItsPathHasNoSpace() {
        assertThat(Home.locate("Windows 11", Map.of(), "C:\\Users\\ada"))
                .isEqualTo("C:\\Users\\ada\\.parley");
    }

    @Test
    void isCDevDotParleyOnWindowsWhenTheUserProfilePathHasASpace() {
        assertThat(Home.locate("Windows 10", Map.of(), "C:\\Users\\Ada Lovelace"))
                .isEqualTo("C:\\dev\\.parley");
    }

    @Test
    void isParleyHomeWhenSetOnEveryOs() {
        Map<String, String> env = Map.of("PARLEY_HOME", "/srv/parley");
        for (String os : new String[] {"Linux", "Mac OS X", "Windows 11"}) {
            assertThat(Home.locate(os, env, "C:\\Users\\Ada Lovelace")).isEqualTo("/srv/parley");
        }
        assertThat(Home.locate("Linux", Map.of("PARLEY_HOME", "  "), "/home/ada"))
                .as("a blank PARLEY_HOME counts as unset").isEqualTo("/home/ada/.parley");
    }

    @Test
    void derivesTheLiveDatabaseWorkspaceBinAndBackupsFromTheHome() {
        Environment env = env(Map.of("PARLEY_HOME", "relative-home"));
        Home home = Home.of(env);

        assertThat(home.root()).isEqualTo(dir.resolve("relative-home"));
        assertThat(Home.liveDb(env, home)).isEqualTo(dir.resolve("relative-home/parley.db"));
        assertThat(home.workspace()).isEqualTo(dir.resolve("relative-home/workspace"));
        assertThat(home.bin()).isEqualTo(dir.resolve("relative-home/bin"));
        assertThat(home.backups()).isEqualTo(dir.resolve("relative-home/backups"));
    }

    @Test
    void takesTheWorkspaceFromParleyWorkspaceWhenSet() {
        Environment env = env(Map.of("PARLEY_HOME", "relative-home", "PARLEY_WORKSPACE", "shared/builds"));

        assertThat(Home.of(env).workspace()).isEqualTo(dir.resolve("shared/builds"));
    }

    @Test
    void takesTheLiveDatabaseFromParleyDbWhenSet() {
        Environment env = env(Map.of("PARLEY_DB", "data/team.db"));

        assertThat(Home.liveDb(env, Home.of(env))).isEqualTo(dir.resolve("data/team.db"));
        assertThat(Home.of(env).root()).isEqualTo(dir.resolve("user/.parley"));
    }

    @Test
    void findsATemplateInTheCurrentFolderButNeverTheLiveDatabaseItself() throws Exception {
        Files.writeString(dir.resolve("parley-template.db"), "x");
        Environment env = env(Map.of("PARLEY_DB", "parley.db"));
        Files.writeString(dir.resolve("parley.db"), "live");

        Databases databases = Databases.locate(Options.parse(new String[0]), env,
                Home.of(env));

        assertThat(databases.live()).isEqualTo(dir.resolve("parley.db"));
        assertThat(databases.source()).isEqualTo(dir.resolve("parley-template.db"));
    }

    private Environment env(Map<String, String> variables) {
        PrintStream discard = new PrintStream(PrintStream.nullOutputStream());
        return new Environment(dir, variables, "Linux", dir.resolve("user").toString(), discard, discard);
    }
}
