package dev.parley.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Paths from the template land under a folder, or nowhere: relative, '/'-separated, no '..', no tricks. */
final class PathSafety {
    private PathSafety() {}

    static void check(String path) {
        String problem = problem(path);
        if (problem != null) {
            String shown = path == null ? "null" : path.replaceAll("\\p{Cntrl}", "?");
            throw new Failure(Exit.VERIFICATION_FAILED, "unsafe path '" + shown + "' in the template: " + problem);
        }
    }

    static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "empty";
        } else if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "holds a NUL or control character";
        } else if (path.indexOf('\\') >= 0) {
            return "holds a backslash";
        } else if (path.startsWith("/")) {
            return "absolute";
        } else if (path.indexOf(':') >= 0) {
            return "holds a drive letter or ':'";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return "climbs out with '..'";
            } else if (segment.isEmpty() || segment.equals(".")) {
                return "has an empty or '.' segment";
            }
        }
        return null;
    }

    /** {@code base/path}, checked, and never outside {@code base} after normalizing. */
    static Path resolve(Path base, String path) {
        check(path);
        Path root = base.toAbsolutePath().normalize();
        try {
            Path resolved = root.resolve(path).normalize();
            if (resolved.startsWith(root) && !resolved.equals(root)) {
                return resolved;
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        throw new Failure(Exit.VERIFICATION_FAILED, "unsafe path '" + path + "': it does not stay inside " + root);
    }

    /**
     * Writes {@code base/path} into a folder that may already hold files (--extract --target), creating the
     * missing folders, and refuses a symbolic link on the way instead of following it out of {@code base}.
     */
    static void writeBelow(Path base, String path, byte[] content) throws IOException {
        Path target = resolve(base, path);
        Path root = base.toAbsolutePath().normalize();
        Files.createDirectories(root);
        Path current = root;
        for (Path name : root.relativize(target)) {
            current = current.resolve(name);
            if (Files.isSymbolicLink(current)) {
                throw new Failure(Exit.VERIFICATION_FAILED, "refusing to write " + path + ": " + current
                        + " is a symbolic link, which could lead outside " + root);
            }
            if (!current.equals(target) && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            }
        }
        // NOFOLLOW_LINKS: a link planted between the check above and this open is refused by the OS
        Files.write(target, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }
}
