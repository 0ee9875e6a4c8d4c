package dev.parley.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.packer.PackedFile;
import dev.parley.packer.TemplateFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A template changed after packing, or one that tries to write outside its workspace, is refused. */
class TamperedTemplateTest {
    private static final int VERIFICATION_FAILED = 4;
    private static final String VICTIM = "modules/server/src/main/java/dev/parley/server/Hub.java";

    @Test
    void a_module_row_altered_after_packing_is_refused_and_nothing_is_built() throws Exception {
        UserFolder user = UserFolder.from(TemplateFixture.fullTemplate(), "tampered");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + user.dir().resolve("parley.db"));
             PreparedStatement update = db.prepareStatement("UPDATE sqlar SET data = ? WHERE name = ?")) {
            update.setBytes(1, "class Hub { /* evil */ }".getBytes(StandardCharsets.UTF_8));
            update.setString(2, VICTIM);
            assertThat(update.executeUpdate()).isOne();
        }

        BootstrapProcess.Finished run = user.run("--no-run");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(VERIFICATION_FAILED);
        assertThat(run.output()).contains(VICTIM).doesNotContain("\tat ");
        assertThat(filesUnder(user.parleyHome().resolve("workspace"))).isZero();
    }

    @Test
    void a_path_that_climbs_out_of_the_workspace_is_refused_and_nothing_is_written() throws Exception {
        UserFolder user = UserFolder.from(TemplateFixture.fullTemplate(), "traversal");
        byte[] payload = "pwned".getBytes(StandardCharsets.UTF_8);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + user.dir().resolve("parley.db"))) {
            try (PreparedStatement archive = db.prepareStatement(
                    "INSERT INTO sqlar(name, mode, mtime, sz, data) VALUES (?, 33188, 0, ?, ?)")) {
                archive.setString(1, "../../escaped.txt");
                archive.setInt(2, payload.length);
                archive.setBytes(3, payload);
                archive.executeUpdate();
            }
            try (PreparedStatement module = db.prepareStatement("INSERT INTO module_files"
                    + "(path, module_name, kind, resource_name, sha256, size) VALUES (?, 'server', 'resource', ?, ?, ?)")) {
                module.setString(1, "../../escaped.txt");
                module.setString(2, "../../escaped.txt");
                module.setString(3, PackedFile.sha256(payload));
                module.setInt(4, payload.length);
                module.executeUpdate();
            }
        }

        BootstrapProcess.Finished run = user.run("--no-run");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(VERIFICATION_FAILED);
        assertThat(run.output()).contains("../../escaped.txt").doesNotContain("\tat ");
        try (Stream<Path> everything = Files.walk(user.dir().getParent())) {
            assertThat(everything.filter(p -> p.getFileName().toString().equals("escaped.txt"))).isEmpty();
        }
        assertThat(filesUnder(user.parleyHome().resolve("workspace"))).isZero();
    }

    @Test
    void an_unlisted_absolute_entry_or_a_symlink_entry_is_refused_by_verify_and_by_an_install() throws Exception {
        UserFolder user = UserFolder.from(TemplateFixture.fullTemplate(), "smuggled");
        Path absolute = user.dir().getParent().resolve("smuggled.txt").toAbsolutePath();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + user.dir().resolve("parley.db"));
             PreparedStatement archive = db.prepareStatement(
                     "INSERT INTO sqlar(name, mode, mtime, sz, data) VALUES (?, 33188, 0, 5, 'pwned')")) {
            archive.setString(1, absolute.toString());
            archive.executeUpdate();
        }

        BootstrapProcess.Finished verify = user.run("--verify");
        BootstrapProcess.Finished install = user.run("--no-run");

        for (BootstrapProcess.Finished run : new BootstrapProcess.Finished[] {verify, install}) {
            assertThat(run.exitCode()).as(run.output()).isEqualTo(VERIFICATION_FAILED);
            assertThat(run.output()).contains(absolute.toString()).doesNotContain("\tat ");
        }
        assertThat(absolute).doesNotExist();
        assertThat(filesUnder(user.parleyHome().resolve("workspace"))).isZero();

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + user.dir().resolve("parley.db"));
             Statement statement = db.createStatement()) {
            statement.executeUpdate("DELETE FROM sqlar WHERE name LIKE '/%'");
            statement.executeUpdate("UPDATE sqlar SET mode = " + 0120777 + " WHERE name = '" + VICTIM + "'");
        }
        BootstrapProcess.Finished symlink = user.run("--db", user.dir().resolve("parley.db").toString(), "--verify");

        assertThat(symlink.exitCode()).as(symlink.output()).isEqualTo(VERIFICATION_FAILED);
        assertThat(symlink.output()).contains(VICTIM, "symbolic link");
    }

    /** Files of hub builds (the installer's own build, of files that match the signature, does not count). */
    private static long filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(file -> !file.startsWith(dir.resolve("installer"))).count();
        }
    }
}
