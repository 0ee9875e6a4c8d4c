package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.HubExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** parley send --file and parley download against a real hub, as real processes; a backup carries the file. */
class FileCommandsTest {
    // The hub's database is the CLI's $PARLEY_HOME/parley.db, so `parley backup` finds it.
    @RegisterExtension
    static final HubExtension hub = new HubExtension(
            c -> c.withOverrides(c.db().resolveSibling("home").resolve("parley.db"), null, null));

    private final Cli alice = Cli.at(hub).with("PARLEY_NAME", "alice");
    private final Cli bob = Cli.at(hub).with("PARLEY_NAME", "bob");
    private final Path dir = hub.dir();

    @Test
    void a_file_sent_with_its_text_is_a_file_ref_another_member_downloads_byte_for_byte() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(13).nextBytes(bytes);
        Path file = dir.resolve("build-log.bin");
        Files.write(file, bytes);

        Cli.Result sent = alice.run("send", "general", "--file", file.toString(), "the", "build", "log");
        assertThat(sent.code()).as(sent.toString()).isZero();
        assertThat(sent.out()).contains("sent build-log.bin as at-").contains("300000 bytes").contains("general");

        JsonNode json = alice.run("send", "general", "--file", file.toString(), "--json").json();
        String id = json.path("attachment_id").asText();
        assertThat(json.path("message").path("message_type").asText()).isEqualTo("file_ref");
        assertThat(json.path("message").path("body").asText()).isEqualTo("build-log.bin");
        assertThat(json.path("message").path("metadata").path("attachment_id").asText()).isEqualTo(id);
        JsonNode history = bob.run("history", "general", "--json").json();
        assertThat(history.toString()).contains("the build log").contains(id);

        Path saved = dir.resolve("saved.bin");
        Cli.Result download = bob.run("download", id, "-o", saved.toString());
        assertThat(download.code()).as(download.toString()).isZero();
        assertThat(download.out()).contains("saved " + saved);
        assertThat(Files.readAllBytes(saved)).isEqualTo(bytes);

        Cli.Result again = bob.run("download", id, "-o", saved.toString());
        assertThat(again.code()).isEqualTo(Exit.FILE_ERROR.code());
        assertThat(again.err()).contains("already exists").contains("--force");
        Files.writeString(saved, "changed");
        assertThat(bob.run("download", id, "-o", saved.toString(), "--force").code()).isZero();
        assertThat(Files.readAllBytes(saved)).isEqualTo(bytes);
    }

    @Test
    void a_missing_file_and_an_unknown_attachment_are_clear_errors() {
        Cli.Result missing = alice.run("send", "general", "--file", dir.resolve("nope.txt").toString());
        assertThat(missing.code()).isEqualTo(Exit.FILE_ERROR.code());
        assertThat(missing.err()).contains("no such file");

        Cli.Result unknown = bob.run("download", "at-000000000000", "-o", dir.resolve("x").toString());
        assertThat(unknown.code()).isEqualTo(Exit.NOT_FOUND.code());
        assertThat(unknown.err()).contains("attachment not found");
    }

    @Test
    void a_backup_holds_the_files_posted_before_it() throws Exception {
        Path file = dir.resolve("kept.txt");
        Files.writeString(file, "kept in the backup\n");
        String id = alice.run("send", "general", "--file", file.toString(), "--json").json()
                .path("attachment_id").asText();
        Path copy = dir.resolve("copies/with-files.db");
        assertThat(alice.run("backup", copy.toString()).code()).isZero();

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy);
             Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery("SELECT b.data FROM attachments a JOIN attachment_blobs b "
                     + "ON b.sha256 = a.sha256 WHERE a.attachment_id = '" + id.replaceAll("[^a-z0-9-]", "") + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(new String(row.getBytes(1), StandardCharsets.UTF_8)).isEqualTo("kept in the backup\n");
        }
    }
}
