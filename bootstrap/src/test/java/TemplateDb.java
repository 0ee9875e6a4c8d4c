import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;

/**
 * Writes small template-shaped databases with sqlite-jdbc, the way the packer does (template/schema.sql,
 * application_id, sha256s, build_hash), so the bootstrap's verify/extract/build/upgrade can be tested without it.
 */
final class TemplateDb {
    record Entry(String module, String kind, String resourceName, byte[] content) {}

    record Jar(String group, String artifact, String version, byte[] content, boolean packed) {
        String path() {
            return "lib/" + group.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact + "-" + version
                    + ".jar";
        }
    }

    private final Map<String, Entry> files = new LinkedHashMap<>();
    private final Map<String, Jar> jars = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, String> appliedSteps = new LinkedHashMap<>();
    private boolean signed = true;

    TemplateDb() {
        metadata.put("product", "Parley");
        metadata.put("format", "1");
        metadata.put("schema_version", "none");
        metadata.put("template_version", "0.1.0");
        metadata.put("template_created_at", "2026-01-01T00:00:00Z");
        metadata.put("main_class", "demo.Main");
        metadata.put("cli_class", "demo.Main");
        metadata.put("java_release", "17");
        metadata.put("lean", "false");
        file("README.md", "readme", "doc", null, "# demo\n");
        // The real installer (stage 2), as the packer packs it, on the real sqlite-jdbc.
        metadata.put("installer_class", "dev.parley.installer.Installer");
        metadata.put("installer_paths", "installer/src/main/java/ modules/schema/src/main/java/");
        for (Map.Entry<String, byte[]> source : InstallerSources.files().entrySet()) {
            file(source.getKey(), "installer", "installer", null, source.getValue());
        }
        library("org.xerial", "sqlite-jdbc", InstallerSources.DRIVER_VERSION, InstallerSources.driverJar(), true);
        metadata.put("installer_classpath", jars.keySet().iterator().next());
    }

    /** Leaves the signature rows out, as a template made before signing (or stripped) would. */
    TemplateDb unsigned() {
        signed = false;
        return this;
    }

    TemplateDb version(String version) {
        metadata.put("template_version", version);
        return this;
    }

    TemplateDb metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    TemplateDb file(String path, String module, String kind, String resourceName, String content) {
        return file(path, module, kind, resourceName, content.getBytes(StandardCharsets.UTF_8));
    }

    TemplateDb file(String path, String module, String kind, String resourceName, byte[] content) {
        files.put(path, new Entry(module, kind, resourceName, content));
        return this;
    }

    TemplateDb java(String path, String source) {
        return file(path, "app", "java", null, source);
    }

    TemplateDb library(String group, String artifact, String version, byte[] jar, boolean packed) {
        Jar library = new Jar(group, artifact, version, jar, packed);
        jars.put(library.path(), library);
        return this;
    }

    /** A runtime schema step, packed under template/migrations/ and listed in migrations.txt. */
    TemplateDb step(String fileName, String sql, boolean alreadyApplied) {
        file("template/migrations/" + fileName, "template", "migration", "parley/migrations/" + fileName, sql);
        StringBuilder list = new StringBuilder("# runtime schema steps, in order\n\n");
        files.keySet().stream().filter(p -> p.startsWith("template/migrations/") && p.endsWith(".sql"))
                .forEach(p -> list.append(p.substring("template/migrations/".length())).append('\n'));
        file("template/migrations/migrations.txt", "template", "migration", "parley/migrations/migrations.txt",
                list.toString());
        if (alreadyApplied) {
            appliedSteps.put(fileName.replace(".sql", ""), sql);
        }
        return this;
    }

    String buildHash() {
        Map<String, String> byPath = new TreeMap<>();
        files.forEach((path, entry) -> byPath.put(path, InstallerSources.sha256(entry.content())));
        jars.forEach((path, jar) -> byPath.put(path, InstallerSources.sha256(jar.content())));
        StringBuilder text = new StringBuilder();
        byPath.forEach((path, sha) -> text.append(path).append('\n').append(sha).append('\n'));
        return InstallerSources.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    Path write(Path db) throws IOException, SQLException {
        Files.createDirectories(db.toAbsolutePath().getParent());
        Files.deleteIfExists(db);
        String schema = Files.readString(sourceRoot().resolve("template/schema.sql"));
        try (Connection connection = Sqlite.open(db)) {
            Sqlite.execute(connection, "PRAGMA application_id=" + 0x50524C59);
            Sqlite.executeScript(connection, schema);
            connection.setAutoCommit(false);
            files.forEach((path, entry) -> insertFile(connection, path, entry.module(), entry.kind(),
                    entry.resourceName(), entry.content()));
            for (Jar jar : jars.values()) {
                if (jar.packed()) {
                    insertFile(connection, jar.path(), jar.artifact(), "library", null, jar.content());
                }
                insert(connection, "INSERT INTO libraries VALUES (?, ?, ?, ?, ?, ?)", jar.path(), jar.group(),
                        jar.artifact(), jar.version(), InstallerSources.sha256(jar.content()), jar.content().length);
            }
            files.values().stream().map(Entry::module).distinct().forEach(module ->
                    insert(connection, "INSERT INTO module_info VALUES (?, ?)", module, "the " + module + " module"));
            Map<String, String> all = new LinkedHashMap<>(metadata);
            all.put("build_hash", buildHash());
            all.forEach((key, value) -> insert(connection, "INSERT INTO metadata VALUES (?, ?)", key, value));
            if (signed) {
                String manifest = dev.parley.packer.Manifest.of(connection);
                insert(connection, "INSERT INTO metadata VALUES (?, ?)", "manifest", manifest);
                insert(connection, "INSERT INTO metadata VALUES (?, ?)", "manifest_signature",
                        InstallerSources.key().sign(manifest));
                insert(connection, "INSERT INTO metadata VALUES (?, ?)", "signer_key",
                        InstallerSources.key().publicKeyText());
            }
            Sqlite.execute(connection, "CREATE TABLE migrations(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
            for (Map.Entry<String, String> step : appliedSteps.entrySet()) {
                Sqlite.executeScript(connection, step.getValue());
                insert(connection, "INSERT INTO migrations VALUES (?, ?)", step.getKey(), "2026-01-01T00:00:00Z");
            }
            connection.commit();
        }
        return db;
    }

    private static void insertFile(Connection connection, String path, String module, String kind,
            String resourceName, byte[] content) {
        byte[] deflated = kind.equals("library") ? content : deflate(content); // jars are compressed already
        insert(connection, "INSERT INTO sqlar VALUES (?, 33188, 0, ?, ?)", path, content.length,
                deflated.length < content.length ? deflated : content);
        insert(connection, "INSERT INTO module_files VALUES (?, ?, ?, ?, ?, ?)", path, module, kind, resourceName,
                InstallerSources.sha256(content), content.length);
    }

    static void insert(Connection connection, String sql, Object... values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater();
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    static Path sourceRoot() {
        return Path.of(System.getProperty("parley.sourceRoot", ".")).toAbsolutePath().normalize();
    }
}
