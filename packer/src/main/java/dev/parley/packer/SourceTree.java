package dev.parley.packer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Collects the files a template carries from a Parley source tree: every main source and
 * resource of {@code modules/*}, the bootstrap, the runtime schema of {@code template/}, the docs
 * and the POM. Tests are left out: the bootstrap compiles the application, not its test suite.
 */
public final class SourceTree {
    /** Top-level documents packed as doc modules, by module name. */
    private static final List<String[]> DOCS = List.of(
            new String[] {"readme", "README.md"},
            new String[] {"quickstart", "QUICKSTART.md"},
            new String[] {"benchmarks", "BENCHMARKS.md"});

    /** The installer (stage 2 of the bootstrap): its entry class, and the folders stage 1 compiles it from. */
    public static final String INSTALLER_CLASS = "dev.parley.installer.Installer";
    public static final List<String> INSTALLER_PATHS = List.of("installer/src/main/java/",
            "modules/schema/src/main/java/");

    private final Path root;

    public SourceTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every file to pack, sorted by path. */
    public List<PackedFile> files() throws IOException {
        List<PackedFile> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root.resolve("modules"))) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                addModule(module, files);
            }
        }
        files.add(file("bootstrap/Bootstrap.java", "bootstrap", "bootstrap", null));
        // Kind "installer", not "java": stage 1 compiles it into the installer; the hub's build leaves it out.
        if (!Files.isDirectory(root.resolve("installer/src/main/java"))) {
            throw new IOException(root + " has no installer/src/main/java: a template without its installer cannot "
                    + "be started");
        }
        addTree(root.resolve("installer/src/main/java"), "installer", "installer", false, files);
        if (Files.exists(root.resolve("installer/README.md"))) {
            files.add(file("installer/README.md", "installer", "doc", null));
        }
        addTemplate(files);
        for (String[] doc : DOCS) {
            if (Files.exists(root.resolve(doc[1]))) {
                files.add(file(doc[1], doc[0], "doc", null));
            }
        }
        files.add(file("pom.xml", "build", "build", null));
        files.sort(Comparator.comparing(PackedFile::path));
        return files;
    }

    /** The one-line description of each module: the first paragraph line of its README. */
    public String describe(String moduleName) throws IOException {
        Path folder = moduleName.equals("installer") ? root.resolve("installer")
                : root.resolve("modules").resolve(moduleName);
        Path readme = folder.resolve("README.md");
        if (!Files.exists(readme)) {
            return null;
        }
        return Files.readAllLines(readme).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .findFirst().orElse(null);
    }

    private void addModule(Path module, List<PackedFile> files) throws IOException {
        String name = module.getFileName().toString();
        addTree(module.resolve("src/main/java"), name, "java", false, files);
        addTree(module.resolve("src/main/resources"), name, "resource", true, files);
        if (Files.exists(module.resolve("README.md"))) {
            files.add(file(root.relativize(module.resolve("README.md")).toString(), name, "doc", null));
        }
    }

    private void addTemplate(List<PackedFile> files) throws IOException {
        Path migrations = root.resolve("template/migrations");
        try (Stream<Path> steps = Files.list(migrations)) {
            for (Path step : steps.filter(Files::isRegularFile).sorted().toList()) {
                String fileName = step.getFileName().toString();
                files.add(file("template/migrations/" + fileName, "template", "migration",
                        "parley/migrations/" + fileName));
            }
        }
        files.add(file("template/schema.sql", "template", "doc", null));
        if (Files.exists(root.resolve("template/README.md"))) {
            files.add(file("template/README.md", "template", "doc", null));
        }
    }

    private void addTree(Path dir, String module, String kind, boolean onClassPath, List<PackedFile> files)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String resourceName = onClassPath ? slashes(dir.relativize(file)) : null;
                files.add(file(slashes(root.relativize(file)), module, kind, resourceName));
            }
        }
    }

    private PackedFile file(String path, String module, String kind, String resourceName) throws IOException {
        String slashed = path.replace('\\', '/');
        return new PackedFile(slashed, module, kind, resourceName, Files.readAllBytes(root.resolve(slashed)));
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
