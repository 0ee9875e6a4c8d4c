package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.packer.Sqlite3;
import dev.parley.packer.TemplateFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A user's machine in miniature: a folder holding a copy of a template as {@code parley.db} and the
 * {@code Bootstrap.java} extracted from it with the documented sqlite3 one-liner, an empty
 * {@code HOME} (so no Maven repository), and a fresh {@code PARLEY_HOME}.
 */
record UserFolder(Path dir, Path userHome, Path parleyHome) {

    static UserFolder from(Path template, String name) throws IOException, InterruptedException {
        Path dir = TemplateFixture.workFolder(name);
        Files.copy(template, dir.resolve("parley.db"));
        Sqlite3.Output bootstrap = Sqlite3.run(dir, "parley.db",
                "SELECT source_code FROM code_modules WHERE module_name='bootstrap'");
        assertThat(bootstrap.exitCode()).as(bootstrap.stderr()).isZero();
        Files.writeString(dir.resolve("Bootstrap.java"), bootstrap.stdout());
        Path userHome = Files.createDirectories(dir.resolve("user-home"));
        return new UserFolder(dir, userHome, dir.resolve("parley-home"));
    }

    /** The environment the bootstrap runs with. */
    Map<String, String> env() {
        return BootstrapProcess.env("PARLEY_HOME", parleyHome.toString());
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
