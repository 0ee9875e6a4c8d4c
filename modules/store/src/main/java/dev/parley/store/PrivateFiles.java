package dev.parley.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the database's files to their owner: folders Parley creates are 0700, the database, its
 * {@code -wal} and {@code -shm} files and backups 0600, since they hold the hub token's hash, every
 * key's hash and every direct message. Where the file system has no POSIX permissions (Windows),
 * every method does nothing: the user's profile folder is private there already.
 *
 * <p>SQLite creates {@code -wal} and {@code -shm} with the permissions of the database file, so a
 * database created 0600 keeps them 0600; {@link #tighten} fixes files an older hub left looser.
 */
public final class PrivateFiles {
    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {}

    /** Creates a folder and any missing parents, each new one 0700; existing folders are left alone. */
    public static void createFolders(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        List<Path> missing = new ArrayList<>();
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            if (POSIX) {
                Files.createDirectories(p, attribute(FOLDER));
                Files.setPosixFilePermissions(p, FOLDER); // the umask may have taken bits away, never added
            } else {
                Files.createDirectories(p);
            }
        }
    }

    /** Creates an empty file 0600 unless it exists (so SQLite opens, never creates, a database file). */
    public static void createFile(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        if (POSIX) {
            Files.createFile(file, attribute(FILE));
        } else {
            Files.createFile(file);
        }
    }

    /** Sets a database and its {@code -wal}, {@code -shm} and {@code -journal} files to 0600 where they are looser, logging it. */
    public static void tighten(Path db) throws IOException {
        if (!POSIX) {
            return;
        }
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Path file = db.resolveSibling(db.getFileName() + suffix);
            if (Files.isRegularFile(file)) {
                Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
                if (!FILE.containsAll(now)) {
                    Files.setPosixFilePermissions(file, FILE);
                    log.warn("{} was readable by others ({}); set to rw-------", file, PosixFilePermissions.toString(now));
                }
            }
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
