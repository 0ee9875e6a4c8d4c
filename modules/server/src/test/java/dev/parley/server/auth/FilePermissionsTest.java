package dev.parley.server.auth;

import static dev.parley.server.auth.AuthPeer.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.HubConfig;
import dev.parley.testing.InProcessHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's files are its owner's alone (issue 8, finding 7: they were 0644 in a 0755 PARLEY_HOME):
 * folders the hub or CLI create 0700, the database, -wal, -shm and backups 0600.
 */
class FilePermissionsTest {
    @TempDir
    Path dir;

    @Test
    void a_hub_on_a_fresh_home_makes_its_folders_0700_and_the_database_wal_and_shm_0600() throws Exception {
        Path home = dir.resolve("users/ann/.parley");
        Path db = home.resolve("parley.db");
        try (InProcessHub hub = InProcessHub.start(new HubConfig(db, "127.0.0.1", 0))) {
            AuthPeer.once(hub.port(), AuthPeer.auth("ann", null)); // something in the WAL
            assertThat(mode(home)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("users"))).as("every folder it created").isEqualTo("rwx------");
            assertThat(mode(db)).isEqualTo("rw-------");
            assertThat(mode(sibling(db, "-wal"))).isEqualTo("rw-------");
            assertThat(mode(sibling(db, "-shm"))).isEqualTo("rw-------");
            assertThat(mode(sibling(db, ".lock"))).as("the hub's lock file").isEqualTo("rw-------");
        }
    }

    @Test
    void looser_files_left_by_an_older_hub_are_tightened_at_start() throws Exception {
        Path db = dir.resolve("parley.db");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        InProcessHub.start(new HubConfig(db, "127.0.0.1", 0)).close();
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        Path wal = sibling(db, "-wal");
        Files.deleteIfExists(wal);
        Files.createFile(wal, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));

        try (InProcessHub hub = InProcessHub.start(new HubConfig(db, "127.0.0.1", 0))) {
            assertThat(mode(db)).isEqualTo("rw-------");
            assertThat(mode(wal)).isEqualTo("rw-------");
            assertThat(mode(dir)).as("a folder it did not create is left alone").isEqualTo("rwxr-xr-x");
        }
    }

    @Test
    void backups_are_0600_in_a_backups_folder_made_0700() throws Exception {
        Path db = dir.resolve("parley.db");
        try (InProcessHub hub = InProcessHub.start(new HubConfig(db, "127.0.0.1", 0))) {
            AuthPeer.Run backup = cli(db, hub.port(), "--json", "backup");
            assertThat(backup.code()).as(backup.toString()).isZero();
            Path copy = Path.of(backup.json().path("path").asText());
            assertThat(copy.getParent()).isEqualTo(dir.resolve("backups"));
            assertThat(mode(copy.getParent())).isEqualTo("rwx------");
            assertThat(mode(copy)).isEqualTo("rw-------");

            Path chosen = dir.resolve("elsewhere/copy.db");
            assertThat(cli(db, hub.port(), "backup", chosen.toString()).code()).isZero();
            assertThat(mode(chosen)).isEqualTo("rw-------");
            assertThat(mode(chosen.getParent())).isEqualTo("rwx------");
        }
    }

    private static Path sibling(Path db, String suffix) {
        return db.resolveSibling(db.getFileName() + suffix);
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
