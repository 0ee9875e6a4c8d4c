package dev.parley.packer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file as the template carries it.
 *
 * @param path         where it lands in the workspace ({@code sqlar.name}), '/'-separated
 * @param moduleName   the module it belongs to ({@code store}, {@code bootstrap}, an artifact id, ...)
 * @param kind         java, resource, migration, doc, bootstrap, build or library
 * @param resourceName for resources and migrations: its name on the class path, else null
 * @param content      the bytes, uncompressed
 */
public record PackedFile(String path, String moduleName, String kind, String resourceName, byte[] content) {

    /**
     * Refuses a path the bootstrap would refuse (absolute, a '..', '.' or empty segment, a backslash, a ':', a control
     * character): the packer never writes an entry that {@code sqlite3 -Ax} could put outside its folder.
     */
    public PackedFile {
        if (!isSafe(path) || (resourceName != null && !isSafe(resourceName))) {
            throw new IllegalArgumentException("refusing to pack '" + path + "' (class path name '" + resourceName
                    + "'): not a plain relative '/'-separated path");
        }
    }

    private static boolean isSafe(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf(':') >= 0
                || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Files whose content is text; they are stored uncompressed so code_modules shows them as text. */
    public boolean isText() {
        return !kind.equals("library");
    }

    /** Lower-case hex sha256 of the content. */
    public String sha256() {
        return sha256(content);
    }

    /** Lower-case hex sha256 of some bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Lower-case hex sha256 of a string's UTF-8 bytes. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
