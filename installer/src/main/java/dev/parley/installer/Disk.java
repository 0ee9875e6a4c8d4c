package dev.parley.installer;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** The installer's file operations: private folders and files, whole-or-nothing copies, tree removal. */
final class Disk {
    private Disk() {}

    /** {@code file} with {@code suffix} appended to its name: {@code parley.db} + {@code -wal}. */
    static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    static void writeFile(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    /** Copies through a private temporary file beside the target, moved into place whole. */
    static void copyAtomically(Path source, Path target) throws IOException {
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".tmp");
        try {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            ownerOnly(temp); // databases hold every message and key hash: 0600 before they appear
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates a folder and its missing parents, each new one 0700 (its owner's alone). */
    static void createPrivateFolders(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (!Files.exists(absolute)) {
            if (absolute.getParent() != null) {
                createPrivateFolders(absolute.getParent());
            }
            Files.createDirectories(absolute);
            ownerOnly(absolute);
        }
    }

    /** A folder 0700, a file 0600, where the file system has POSIX permissions; nothing on Windows. */
    static void ownerOnly(Path path) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path)
                    ? "rwx------" : "rw-------"));
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
