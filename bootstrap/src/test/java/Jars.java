import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Small real jars for tests: one class compiled from source, plus the sqlite-jdbc jar this JVM runs with. */
final class Jars {
    private Jars() {}

    /** A jar holding {@code className} compiled from {@code source}. */
    static byte[] compiled(Path scratch, String className, String source) throws IOException {
        Path src = scratch.resolve("src/" + className.replace('.', '/') + ".java");
        Path classes = scratch.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, source);
        int code = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                classes.toString(), src.toString());
        if (code != 0) {
            throw new IllegalStateException("test jar did not compile");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The sqlite-jdbc jar on the test class path. */
    static Path sqliteJdbc() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).map(Path::of)
                .filter(p -> p.getFileName().toString().startsWith("sqlite-jdbc-")).findFirst().orElseThrow();
    }

    /** A Maven repository layout holding {@code jar} for the coordinates. */
    static Path repository(Path root, String group, String artifact, String version, byte[] jar) throws IOException {
        Path file = root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                .resolve(artifact + "-" + version + ".jar");
        Files.createDirectories(file.getParent());
        Files.write(file, jar);
        return root;
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }
}
