package dev.parley.installer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A Parley database's packed-files tables, read with SQL through one read-only connection, and their
 * verification: every listed file against its sha256 and size, every {@code sqlar} entry listed, safe and a regular
 * file, the build hash, and the signed manifest ({@link Signature}).
 */
final class Template {
    static final int APPLICATION_ID = 0x50524C59; // 'PRLY'
    static final String FORMAT = "1";
    static final String JAVA_NAME = "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*";
    private static final String COORDINATE = "[A-Za-z0-9_][A-Za-z0-9_.-]*";
    /** The file-type bits of a sqlar {@code mode} (st_mode) and the two types that matter here. */
    private static final long S_IFMT = 0170000;
    private static final long S_IFREG = 0100000;
    private static final long S_IFLNK = 0120000;
    /** No packed file comes near this (the largest jar is ~15 MB); a bigger claim is a forgery. */
    static final long MAX_FILE_SIZE = 256L << 20;
    /** zlib's deflate cannot compress better than about 1032:1. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    final Path file;
    /** The name errors use: the file the user gave, when {@link #file} is a private copy of it. */
    final Path shown;
    private final boolean immutable;
    final Map<String, String> metadata = new TreeMap<>();
    final List<PackedFile> files = new ArrayList<>();
    final List<Library> libraries = new ArrayList<>();
    final Map<String, String> descriptions = new HashMap<>();
    private String signer;

    private Template(Path file, Path shown, boolean immutable) {
        this.file = file;
        this.shown = shown;
        this.immutable = immutable;
    }

    /** Reads the small tables of a database others may be using (read-only; a WAL beside it is read too). */
    static Template open(Path file) {
        return open(file, file, false);
    }

    /**
     * Reads the small tables; refuses files that are not Parley databases of a format this installer knows.
     *
     * @param immutable the file is a private copy: SQLite reads it alone, never a journal or WAL beside it
     */
    static Template open(Path file, Path shown, boolean immutable) {
        Failure.require(Files.isRegularFile(file), Exit.NO_DATABASE, "no such database file: " + shown);
        Template template = new Template(file, shown, immutable);
        try (Connection db = template.connect(); Statement sql = db.createStatement()) {
            int applicationId;
            try (ResultSet row = sql.executeQuery("PRAGMA application_id")) {
                applicationId = row.next() ? row.getInt(1) : 0;
            }
            Failure.require(applicationId == APPLICATION_ID, Exit.NO_DATABASE, String.format("%s is not a Parley "
                    + "database (application_id 0x%08X, expected 0x%08X)", shown, applicationId, APPLICATION_ID));
            try (ResultSet rows = sql.executeQuery("SELECT key, value FROM metadata WHERE key IS NOT NULL")) {
                while (rows.next()) {
                    template.metadata.put(rows.getString(1), rows.getString(2));
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT path, module_name, kind, resource_name, sha256, size "
                    + "FROM module_files")) {
                while (rows.next()) {
                    template.files.add(new PackedFile(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), number(rows.getObject(6), "module_files.size")));
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT path, group_id, artifact_id, version, sha256, size "
                    + "FROM libraries")) {
                while (rows.next()) {
                    template.libraries.add(new Library(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), number(rows.getObject(6), "libraries.size")));
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT module_name, description FROM module_info")) {
                while (rows.next()) {
                    template.descriptions.put(rows.getString(1), rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new Failure(Exit.NO_DATABASE, shown + " is not a readable Parley database: " + e.getMessage());
        }
        Failure.require(FORMAT.equals(template.metadata.get("format")), Exit.NO_DATABASE, shown + " has template "
                + "format " + template.metadata.get("format") + "; this installer reads format " + FORMAT);
        for (String key : List.of("build_hash", "template_version", "main_class")) {
            Failure.require(template.metadata.get(key) != null, Exit.NO_DATABASE, shown + " has no metadata '" + key
                    + "'");
        }
        return template;
    }

    Connection connect() throws SQLException {
        return Sqlite.openReadOnly(file, immutable);
    }

    String version() { return metadata.get("template_version"); }
    String buildHash() { return metadata.get("build_hash"); }
    String javaRelease() { return metadata.getOrDefault("java_release", "17"); }

    /** The signer's fingerprint, or {@link Signature#UNSIGNED}; refuses a signature that does not match. */
    String signer() {
        if (signer == null) {
            signer = Signature.signer(this);
        }
        return signer;
    }

    /**
     * The signer a live database trusts for upgrades: the one pinned at install or by the last {@code --upgrade},
     * else (a database installed before pinning) the signer of the template it was installed from.
     */
    String trustedSigner() {
        String pinned = metadata.get(Signature.PIN);
        return pinned != null ? pinned : signer();
    }

    /** A class name from the metadata, checked, since it ends up in scripts and command lines. */
    String className(String key) {
        String name = metadata.get(key) != null ? metadata.get(key) : metadata.get("main_class");
        Failure.require(name.matches(JAVA_NAME), Exit.VERIFICATION_FAILED, "metadata " + key + " '" + name
                + "' is not a class name");
        return name;
    }

    /**
     * Checks everything before anything is written: every path (and class-path name) is safe, every sqlar entry is
     * listed and a regular file, every packed file's content matches its sha256 and size, {@code build_hash}
     * matches the files, and the signed manifest matches the rows.
     *
     * @return the uncompressed content of every packed file (module_files, and the jars that are packed)
     */
    Map<String, byte[]> verify() {
        for (PackedFile packed : files) {
            PathSafety.check(packed.path());
            if (packed.resourceName() != null) {
                PathSafety.check(packed.resourceName());
            }
        }
        for (Library library : libraries) {
            PathSafety.check(library.path());
            boolean coordinatesSafe = Stream.of(library.groupId(), library.artifactId(), library.version())
                    .allMatch(part -> part != null && part.matches(COORDINATE) && !part.contains(".."));
            Failure.require(library.path().startsWith("lib/") && coordinatesSafe, Exit.VERIFICATION_FAILED,
                    "unsafe library " + library.path() + " (" + library.coordinates() + ")");
        }
        Map<String, Long> listed = new HashMap<>();
        files.forEach(packed -> listed.put(packed.path(), packed.size()));
        libraries.forEach(library -> listed.put(library.path(), library.size()));
        Map<String, byte[]> unpacked = new HashMap<>();
        try (Connection db = connect(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT name, mode, sz, length(CAST(data AS BLOB)), data FROM sqlar")) {
            Set<String> seen = new HashSet<>();
            while (rows.next()) {
                String name = checkedEntry(rows.getString(1), rows.getObject(2), listed);
                Failure.require(seen.add(name), Exit.VERIFICATION_FAILED, "sqlar entry '" + name + "' is there twice");
                long size = number(rows.getObject(3), "sqlar.sz of " + name);
                checkSize(name, size, listed.get(name), number(rows.getObject(4), "length(sqlar.data)"));
                unpacked.put(name, unpack(name, rows.getBytes(5), size));
            }
        } catch (SQLException e) {
            throw new Failure(Exit.NO_DATABASE, shown + " cannot be read: " + e.getMessage());
        }
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (PackedFile packed : files) {
            byte[] content = unpacked.get(packed.path());
            Failure.require(content != null, Exit.VERIFICATION_FAILED, packed.path() + " is listed but has no content");
            contents.put(packed.path(), checked(packed.path(), content, packed.sha256(), packed.size()));
        }
        for (Library library : libraries) {
            byte[] content = unpacked.get(library.path());
            if (content != null) {
                contents.put(library.path(), checked(library.path(), content, library.sha256(), library.size()));
            }
        }
        String actual = computeBuildHash();
        Failure.require(actual.equals(buildHash()), Exit.VERIFICATION_FAILED, "build_hash is " + buildHash()
                + " but the packed files hash to " + actual + " (tampered?)");
        className("main_class");
        className("cli_class");
        Failure.require(javaRelease().matches("[0-9]{1,3}"), Exit.VERIFICATION_FAILED, "java_release '"
                + javaRelease() + "' is not a number");
        signer(); // last, so a plainly tampered file is named by what was changed, not by its signature
        return contents;
    }

    /** sha256 over {@code path \n sha256 \n}, sorted by path, of every packed file but jars, and every jar. */
    String computeBuildHash() {
        Map<String, String> byPath = new TreeMap<>();
        files.stream().filter(f -> !"library".equals(f.kind())).forEach(f -> byPath.put(f.path(), f.sha256()));
        libraries.forEach(library -> byPath.put(library.path(), library.sha256()));
        StringBuilder text = new StringBuilder();
        byPath.forEach((path, sha) -> text.append(path).append('\n').append(sha).append('\n'));
        return Hashes.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A sqlar entry's name, once the entry is one the packer could have written: a safe path that module_files or
     * libraries lists, and a regular file. Anything else would reach the disk through {@code sqlite3 -Ax} (an
     * absolute path, a '..', a symlink) without --verify ever having looked at it.
     */
    private static String checkedEntry(String name, Object modeValue, Map<String, Long> listed) {
        PathSafety.check(name);
        long mode = number(modeValue, "sqlar.mode of " + name);
        long type = mode & S_IFMT;
        Failure.require(type == S_IFREG, Exit.VERIFICATION_FAILED, "sqlar entry '" + name + "' is "
                + (type == S_IFLNK ? "a symbolic link" : String.format("not a regular file (mode 0%o)", mode))
                + "; a template packs regular files only");
        Failure.require(listed.containsKey(name), Exit.VERIFICATION_FAILED, "sqlar entry '" + name + "' is not listed "
                + "in module_files or libraries (smuggled in?)");
        return name;
    }

    /** Before anything is allocated: sz is the listed size, under the cap, and within what zlib could inflate. */
    private static void checkSize(String path, long size, long listedSize, long stored) {
        Failure.require(size == listedSize, Exit.VERIFICATION_FAILED, path + " has sz " + size + " in sqlar but is "
                + "listed with " + listedSize + " bytes (tampered?)");
        Failure.require(stored >= size || size <= MAX_FILE_SIZE && size <= stored * MAX_DEFLATE_RATIO + 1024,
                Exit.VERIFICATION_FAILED, path + " claims an impossible size " + size + " for " + stored
                + " stored bytes (tampered?)");
    }

    /** A sqlar row's content: zlib-compressed exactly when it is shorter than sz (sizes already checked). */
    private static byte[] unpack(String path, byte[] stored, long size) {
        byte[] data = stored == null ? new byte[0] : stored;
        if (data.length >= size) {
            return data;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            byte[] out = new byte[(int) size];
            int filled = 0;
            while (filled < out.length && !inflater.finished() && !inflater.needsInput()) {
                filled += inflater.inflate(out, filled, out.length - filled);
            }
            if (filled != size) {
                throw new DataFormatException("inflated to " + filled + " bytes instead of " + size);
            }
            return out;
        } catch (DataFormatException e) {
            throw new Failure(Exit.VERIFICATION_FAILED, path + " does not decompress (tampered?): " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    static byte[] checked(String path, byte[] content, String sha256, long size) {
        String actual = Hashes.sha256(content);
        Failure.require(content.length == size && actual.equals(sha256), Exit.VERIFICATION_FAILED, path + " does not "
                + "match its recorded sha256/size (expected " + sha256 + ", " + size + " bytes; found " + actual + ", "
                + content.length + " bytes): tampered?");
        return content;
    }

    private static long number(Object value, String what) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new Failure(Exit.VERIFICATION_FAILED, what + " is '" + value + "', not a number (tampered?)");
    }
}
