package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.packer.Sqlite3;
import dev.parley.packer.TemplateFixture;
import dev.parley.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A user's machine in miniature: a folder holding a copy of a template as {@code parley.db} and the
 * {@code Bootstrap.java} extracted from it with the documented sqlite3 one-liner, an empty
 * {@code HOME} (so no Maven repository), and a fresh {@code PARLEY_HOME}. Its builds go to
 * {@code $PARLEY_HOME/workspace}, or to a workspace shared with other tests ({@code PARLEY_WORKSPACE}).
 */
record UserFolder(Path dir, Path userHome, Path parleyHome, Path workspace) {

    /** A user with their own workspace, exactly as installed by hand. */
    static UserFolder from(Path template, String name) throws IOException, InterruptedException {
        return in(TemplateFixture.workFolder(name), template, null);
    }

    /** A user whose builds go to the workspace the tests of this JVM share (see {@link SharedWorkspace}). */
    static UserFolder sharingBuilds(Path template, String name) throws IOException, InterruptedException {
        return in(TemplateFixture.workFolder(name), template, SharedWorkspace.shared());
    }

    /** A user whose workspace holds no build yet: the first start compiles from nothing. */
    static UserFolder coldStart(Path template, String name) throws IOException, InterruptedException {
        return in(TemplateFixture.workFolder(name), template, SharedWorkspace.unbuilt());
    }

    private static UserFolder in(Path dir, Path template, Path workspace) throws IOException, InterruptedException {
        Files.copy(template, dir.resolve("parley.db"));
        Sqlite3.Output bootstrap = Sqlite3.run(dir, "parley.db",
                "SELECT source_code FROM code_modules WHERE module_name='bootstrap'");
        assertThat(bootstrap.exitCode()).as(bootstrap.stderr()).isZero();
        Files.writeString(dir.resolve("Bootstrap.java"), bootstrap.stdout());
        Path userHome = Files.createDirectories(dir.resolve("user-home"));
        Path parleyHome = dir.resolve("parley-home");
        Path builds = workspace != null ? workspace : parleyHome.resolve("workspace");
        return new UserFolder(dir, userHome, parleyHome, builds);
    }

    /** The environment the bootstrap runs with. */
    Map<String, String> env() {
        Map<String, String> env = ChildProcess.env("PARLEY_HOME", parleyHome.toString());
        if (!workspace.equals(parleyHome.resolve("workspace"))) {
            env.put("PARLEY_WORKSPACE", workspace.toString());
        }
        return env;
    }

    /** The live database the bootstrap installs. */
    Path liveDb() {
        return parleyHome.resolve("parley.db");
    }

    BootstrapProcess start(boolean offline, String... args) throws IOException {
        return BootstrapProcess.start(dir, userHome, env(), offline, args);
    }

    BootstrapProcess.Finished run(String... args) throws IOException, InterruptedException {
        return BootstrapProcess.run(dir, userHome, env(), args);
    }
}
