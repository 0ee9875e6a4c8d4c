package dev.parley.packer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Packs templates for tests from the real source tree and the runtime jars Maven resolved, the
 * same way {@code mvn package} does. The full template is packed once per test JVM.
 */
public final class TemplateFixture {
    private static Path fullTemplate;

    private TemplateFixture() {}

    /** The project's source tree. */
    public static Path sourceRoot() {
        return Path.of(System.getProperty("parley.sourceRoot", ".")).toAbsolutePath().normalize();
    }

    /** A scratch folder under target/ for this test run's files. */
    public static Path workFolder(String name) throws IOException {
        Path folder = sourceRoot().resolve("target/test-work").resolve(name);
        Files.createDirectories(folder);
        return Files.createTempDirectory(folder, "run-");
    }

    /** The version the POM gives the template. */
    public static String version() {
        return System.getProperty("parley.version", "0.0.0-test");
    }

    /** The full template of this source tree, packed once. */
    public static synchronized Path fullTemplate() throws IOException, SQLException {
        if (fullTemplate == null) {
            fullTemplate = pack(sourceRoot(), version(), false, workFolder("templates").resolve("parley-template.db"))
                    .file();
        }
        return fullTemplate;
    }

    /** The build's time the POM gives the template ({@code project.build.outputTimestamp}). */
    public static BuildTimestamp timestamp() {
        return BuildTimestamp.resolve(System.getProperty("parley.outputTimestamp"), System.getenv());
    }

    /**
     * The key every test template is signed with: this checkout's development key, the one {@code mvn package}
     * uses too, so copies of the tree packed elsewhere still give the same bytes.
     */
    public static SigningKey signingKey() throws IOException {
        return SigningKey.development(sourceRoot().resolve("target"));
    }

    /** Packs a source tree into a template at the POM's build time. */
    public static TemplateWriter.Result pack(Path sourceRoot, String version, boolean lean, Path out)
            throws IOException, SQLException {
        return pack(sourceRoot, version, lean, timestamp(), out);
    }

    /** Packs a source tree into a template, as {@code mvn package} does. */
    public static TemplateWriter.Result pack(Path sourceRoot, String version, boolean lean, BuildTimestamp timestamp,
            Path out) throws IOException, SQLException {
        Path jars = Path.of(System.getProperty("parley.runtimeJars", sourceRoot().resolve("target/runtime-jars")
                .toString()));
        return PackerMain.pack(sourceRoot, jars, version, lean, timestamp, signingKey(), out);
    }
}
