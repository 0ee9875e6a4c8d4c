package dev.parley.packer;

import dev.parley.schema.MigrationSource;
import dev.parley.schema.Migrations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Writes a template database: the packed-files tables of {@code template/schema.sql}, the runtime
 * schema (empty tables and seed rows) through the same migrations a hub applies, and the metadata.
 *
 * <p>Same inputs, same bytes: the only time in the file is the build's {@link BuildTimestamp}, every
 * row goes in in a fixed order (files and jars sorted by path), and the file itself is a fresh
 * {@code VACUUM INTO} snapshot of a build database with a fixed page size and no journal or WAL, so
 * no page layout, freelist or header counter depends on how the rows got there.
 *
 * <p>The template is signed: its {@link Manifest} (every packed file's path, sha256 and size, and the metadata
 * that selects code), the manifest's Ed25519 signature and the public key are metadata rows.
 *
 * <p>Both files are written beside the destination and the snapshot is moved into place when
 * complete, so a failed run never leaves a half-written template where a user would find it.
 */
public final class TemplateWriter {
    /** {@code PRAGMA application_id} of every Parley database: 'PRLY'. */
    public static final int APPLICATION_ID = 0x50524C59;
    /** Version of the packed-files format; the bootstrap refuses formats it does not know. */
    public static final String FORMAT = "1";

    /** Every packed file's mode, whatever the checkout's umask made of it. */
    private static final int REGULAR_FILE_MODE = 0100644;
    /** SQLite's default today; fixed so a newer library's default cannot change the layout. */
    private static final int PAGE_SIZE = 4096;

    private final Path sourceRoot;
    private final BuildTimestamp timestamp;
    private final SigningKey key;

    /**
     * @param sourceRoot the tree the files come from (for the schema, migrations and module READMEs)
     * @param timestamp  the build's time, the only one the template carries
     * @param key        the key that signs the template's {@link Manifest}
     */
    public TemplateWriter(Path sourceRoot, BuildTimestamp timestamp, SigningKey key) {
        this.sourceRoot = sourceRoot;
        this.timestamp = timestamp;
        this.key = key;
    }

    /** What a written template holds, for the packer's report and for tests. */
    public record Result(Path file, String buildHash, int files, int jars, long bytes, String signer) {}

    /**
     * Writes the template.
     *
     * @param files   the packed files from {@link SourceTree}
     * @param jars    the runtime jars
     * @param version the template version (the POM's)
     * @param lean    leave the jars' bytes out (their coordinates stay)
     * @param out     destination file; replaced if it exists
     */
    public Result write(List<PackedFile> files, List<RuntimeJar> jars, String version, boolean lean, Path out)
            throws IOException, SQLException {
        Map<String, String> hashes = new LinkedHashMap<>();
        files.forEach(file -> hashes.put(file.path(), file.sha256()));
        jars.forEach(jar -> hashes.put(jar.path(), PackedFile.sha256(jar.content())));
        String buildHash = BuildHash.of(hashes);

        Path absolute = out.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path build = absolute.resolveSibling(absolute.getFileName() + ".build");
        Path snapshot = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        deleteWithJournal(build);
        deleteWithJournal(snapshot);
        try (Connection db = new org.sqlite.JDBC().connect("jdbc:sqlite:" + build, new java.util.Properties())) {
            try (Statement statement = db.createStatement()) {
                statement.execute("PRAGMA page_size=" + PAGE_SIZE);
                statement.execute("PRAGMA application_id=" + APPLICATION_ID);
                statement.execute("PRAGMA journal_mode=DELETE");
            }
            String schemaVersion = createSchema(db);
            db.setAutoCommit(false);
            insertFiles(db, files, jars, lean);
            insertModuleInfo(db, files);
            insertMetadata(db, version, buildHash, schemaVersion, lean, installerClasspath(jars));
            sign(db);
            stampRuntimeRows(db);
            db.commit();
            db.setAutoCommit(true);
            try (PreparedStatement vacuum = db.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, snapshot.toString());
                vacuum.execute();
            }
            Files.move(snapshot, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteWithJournal(build);
            deleteWithJournal(snapshot); // only there when the run failed before the move
        }
        return new Result(absolute, buildHash, files.size(), jars.size(), Files.size(absolute), key.fingerprint());
    }

    private static void deleteWithJournal(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-journal"));
    }

    private String createSchema(Connection db) throws IOException, SQLException {
        try (Statement statement = db.createStatement()) {
            statement.executeUpdate(Files.readString(sourceRoot.resolve("template/schema.sql"))); // the whole script
        }
        new Migrations(MigrationSource.folder(sourceRoot.resolve("template/migrations"))).apply(db);
        return Migrations.current(db);
    }

    private void insertFiles(Connection db, List<PackedFile> files, List<RuntimeJar> jars, boolean lean)
            throws SQLException {
        long mtime = timestamp.epochSecond();
        try (PreparedStatement archive = db.prepareStatement(
                     "INSERT INTO sqlar(name, mode, mtime, sz, data) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement module = db.prepareStatement("INSERT INTO module_files"
                     + "(path, module_name, kind, resource_name, sha256, size) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement library = db.prepareStatement("INSERT INTO libraries"
                     + "(path, group_id, artifact_id, version, sha256, size) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (PackedFile file : files) {
                addFile(archive, module, file, mtime);
            }
            for (RuntimeJar jar : jars) {
                if (!lean) {
                    addFile(archive, module, jar.asPackedFile(), mtime);
                }
                library.setString(1, jar.path());
                library.setString(2, jar.groupId());
                library.setString(3, jar.artifactId());
                library.setString(4, jar.version());
                library.setString(5, PackedFile.sha256(jar.content()));
                library.setLong(6, jar.content().length);
                library.executeUpdate();
            }
        }
    }

    private static void addFile(PreparedStatement archive, PreparedStatement module, PackedFile file, long mtime)
            throws SQLException {
        byte[] content = file.content();
        byte[] stored = file.isText() ? content : smallerOf(content, deflate(content));
        archive.setString(1, file.path());
        archive.setInt(2, REGULAR_FILE_MODE);
        archive.setLong(3, mtime);
        archive.setLong(4, content.length);
        archive.setBytes(5, stored);
        archive.executeUpdate();
        module.setString(1, file.path());
        module.setString(2, file.moduleName());
        module.setString(3, file.kind());
        module.setString(4, file.resourceName());
        module.setString(5, file.sha256());
        module.setLong(6, content.length);
        module.executeUpdate();
    }

    private void insertModuleInfo(Connection db, List<PackedFile> files) throws IOException, SQLException {
        Map<String, String> descriptions = new LinkedHashMap<>();
        descriptions.put("bootstrap", "Bootstrap.java: installs, verifies, builds and starts Parley from this file (JDK only).");
        descriptions.put("template", "The runtime schema (migrations) and the layout of this file (schema.sql).");
        descriptions.put("readme", "README.md: what Parley is and how to use it.");
        descriptions.put("quickstart", "QUICKSTART.md: copy the file, extract, run.");
        descriptions.put("benchmarks", "BENCHMARKS.md: measured figures and the commands that produced them.");
        descriptions.put("build", "pom.xml: the Maven build this template was packed by.");
        for (PackedFile file : files) {
            if (!descriptions.containsKey(file.moduleName())) {
                String description = new SourceTree(sourceRoot).describe(file.moduleName());
                descriptions.put(file.moduleName(), description != null ? description : file.moduleName() + " module");
            }
        }
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO module_info(module_name, description) VALUES (?, ?)")) {
            for (Map.Entry<String, String> entry : descriptions.entrySet()) {
                insert.setString(1, entry.getKey());
                insert.setString(2, entry.getValue());
                insert.executeUpdate();
            }
        }
    }

    /** The jar the installer (stage 2) runs on besides the JDK: the sqlite-jdbc driver of this build. */
    private static String installerClasspath(List<RuntimeJar> jars) {
        return jars.stream().filter(jar -> jar.artifactId().equals("sqlite-jdbc")).map(RuntimeJar::path).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the runtime jars hold no sqlite-jdbc, which the "
                        + "installer needs"));
    }

    private void insertMetadata(Connection db, String version, String buildHash, String schemaVersion, boolean lean,
            String installerClasspath) throws SQLException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("product", "Parley");
        metadata.put("format", FORMAT);
        metadata.put("schema_version", schemaVersion);
        metadata.put("template_version", version);
        metadata.put("template_created_at", timestamp.iso());
        metadata.put("build_hash", buildHash);
        metadata.put("main_class", "dev.parley.server.HubMain");
        metadata.put("cli_class", "dev.parley.cli.ParleyCli");
        metadata.put("java_release", "17");
        metadata.put("lean", Boolean.toString(lean));
        // What stage 1 (Bootstrap.java) compiles and runs: every .java below these folders, on this jar.
        metadata.put("installer_class", SourceTree.INSTALLER_CLASS);
        metadata.put("installer_paths", String.join(" ", SourceTree.INSTALLER_PATHS));
        metadata.put("installer_classpath", installerClasspath);
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO metadata(key, value) VALUES (?, ?)")) {
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                insert.setString(1, entry.getKey());
                insert.setString(2, entry.getValue());
                insert.executeUpdate();
            }
        }
    }

    /** The manifest of the rows written so far, its signature and the public key, as metadata rows. */
    private void sign(Connection db) throws SQLException {
        String manifest = Manifest.of(db);
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO metadata(key, value) VALUES (?, ?)")) {
            for (String[] row : List.of(new String[] {"manifest", manifest},
                    new String[] {"manifest_signature", key.sign(manifest)},
                    new String[] {"signer_key", key.publicKeyText()})) {
                insert.setString(1, row[0]);
                insert.setString(2, row[1]);
                insert.executeUpdate();
            }
        }
    }

    /**
     * The runtime schema stamps the clock where a hub would: {@code Migrations} records when each
     * step ran and the seed channel is created {@code 'now'}. In a template both happened at build
     * time, so they get the build's time (the seed in its own format, see 0001_runtime_schema.sql).
     */
    private void stampRuntimeRows(Connection db) throws SQLException {
        try (PreparedStatement steps = db.prepareStatement("UPDATE migrations SET applied_at = ?");
             PreparedStatement channels = db.prepareStatement("UPDATE channels SET created_at = "
                     + "strftime('%Y-%m-%dT%H:%M:%S', ?, 'unixepoch') || '.000000+00:00'")) {
            steps.setString(1, timestamp.iso());
            steps.executeUpdate();
            channels.setLong(1, timestamp.epochSecond());
            channels.executeUpdate();
        }
    }

    private static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 2 + 64);
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] smallerOf(byte[] raw, byte[] compressed) {
        return compressed.length < raw.length ? compressed : raw;
    }
}
