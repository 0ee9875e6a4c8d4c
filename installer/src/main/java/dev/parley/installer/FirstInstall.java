package dev.parley.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The first start: the template becomes the live database. It is copied (with a {@code -wal} a killed writer left
 * beside it) to a private file next to the live path, checkpointed there, verified there, pinned to its signer,
 * and only then moved into place whole; so what was verified is what is installed, and a failure leaves nothing.
 *
 * @param template the installed database's tables, as verified
 * @param contents every packed file's verified content (the build needs them)
 */
record FirstInstall(Template template, Map<String, byte[]> contents) {
    /** @param signedManifest the manifest stage 1 checked its installer against, or null */
    static FirstInstall of(Path source, Path live, String signedManifest) throws IOException {
        Disk.createPrivateFolders(live.toAbsolutePath().getParent());
        for (String orphan : List.of("-wal", "-shm", "-journal")) {
            Files.deleteIfExists(Disk.sibling(live, orphan)); // left by a deleted database; must not apply to ours
        }
        Path temp = Files.createTempFile(live.toAbsolutePath().getParent(), live.getFileName() + ".install-", ".db");
        try {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            Disk.ownerOnly(temp); // it will hold every message and key hash
            if (Files.isRegularFile(Disk.sibling(source, "-wal"))) {
                Files.copy(Disk.sibling(source, "-wal"), Disk.sibling(temp, "-wal"));
            }
            try (Connection db = Sqlite.open(temp); Statement sql = db.createStatement()) {
                sql.execute("PRAGMA wal_checkpoint(TRUNCATE)"); // the copy stands alone from here on
            } catch (SQLException e) {
                throw new Failure(Exit.NO_DATABASE, source + " is not a readable database: " + e.getMessage());
            }
            Template template = Template.open(temp, source, false);
            Map<String, byte[]> contents = template.verify(); // a tampered template never becomes the live database
            Failure.require(signedManifest == null || signedManifest.equals(template.metadata.get("manifest")),
                    Exit.VERIFICATION_FAILED, source + " changed while it was being installed; try again");
            String signer = template.signer();
            try (Connection db = Sqlite.open(temp); PreparedStatement pin = db.prepareStatement(
                    "INSERT OR REPLACE INTO metadata(key, value) VALUES (?, ?)")) {
                pin.setString(1, Signature.PIN); // --upgrade accepts this signer's templates from now on
                pin.setString(2, signer);
                pin.executeUpdate();
            } catch (SQLException e) {
                throw new Failure(Exit.UNEXPECTED, "cannot install " + source + ": " + e.getMessage());
            }
            for (String leftover : List.of("-wal", "-shm", "-journal")) {
                Files.deleteIfExists(Disk.sibling(temp, leftover));
            }
            Files.move(temp, live, StandardCopyOption.ATOMIC_MOVE);
            template.metadata.put(Signature.PIN, signer);
            return new FirstInstall(Template.open(live), contents);
        } finally {
            Files.deleteIfExists(temp);
            for (String leftover : List.of("-wal", "-shm", "-journal")) {
                Files.deleteIfExists(Disk.sibling(temp, leftover));
            }
        }
    }
}
