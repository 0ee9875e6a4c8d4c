package dev.parley.installer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A template's installer, built from its verified bytes and called in this JVM: what stage 1 ({@code Bootstrap.build})
 * does for the database it starts from, done here for {@code --upgrade}, where the live installer hands over to
 * NEW.db's once NEW.db is verified and trusted. Same inputs (the {@code .java} files under {@code installer_paths}
 * and the {@code installer_classpath} jar), same cache key (sha256 of the class name, the release and each input's
 * path and sha256), same folder layout ({@code classes/}, {@code sqlite-jdbc.jar}, {@code .built}), so stage 1 and
 * the installer share builds.
 */
final class InstallerBuild {
    /** One class loader per build in this JVM, as in stage 1. */
    private static final Map<Path, URLClassLoader> LOADERS = new HashMap<>();

    private final Template template;
    private final String className;
    /** Input path to its sha256, sorted by path; the jar among them. */
    private final Map<String, String> inputs = new TreeMap<>();
    /** The {@code installer_classpath} jar: the template's sqlite-jdbc. */
    private final Library driver;

    private InstallerBuild(Template template, String className, Library driver) {
        this.template = template;
        this.className = className;
        this.driver = driver;
    }

    /** The installer a verified template carries, or null when it has none (made before the two-stage bootstrap). */
    static InstallerBuild of(Template template) {
        String className = template.metadata.get("installer_class");
        String paths = template.metadata.get("installer_paths");
        String jar = template.metadata.get("installer_classpath");
        if (className == null || paths == null || jar == null) {
            return null;
        }
        Failure.require(className.matches(Template.JAVA_NAME), Exit.VERIFICATION_FAILED, template.shown
                + " names an odd installer class '" + className + "'");
        Library driver = template.libraries.stream().filter(library -> library.path().equals(jar)).findFirst()
                .orElseThrow(() -> new Failure(Exit.VERIFICATION_FAILED, template.shown + " names " + jar
                        + " as its installer's class path but does not list it"));
        InstallerBuild build = new InstallerBuild(template, className, driver);
        for (PackedFile file : template.files) {
            if (file.path().endsWith(".java") && List.of(paths.split(" ")).stream().anyMatch(file.path()::startsWith)) {
                build.inputs.put(file.path(), file.sha256());
            }
        }
        build.inputs.put(jar, driver.sha256());
        return build;
    }

    /** The folder name: the same sha256 stage 1 computes. */
    String key() {
        StringBuilder key = new StringBuilder(className).append('\n').append(template.javaRelease()).append('\n');
        inputs.forEach((path, sha256) -> key.append(path).append(' ').append(sha256).append('\n'));
        return key.toString();
    }

    /**
     * The built installer in {@code cache}, built now when missing.
     *
     * @param contents the template's verified content ({@link Template#verify})
     */
    Path build(Path cache, Map<String, byte[]> contents, Environment env) throws IOException {
        String key = key();
        Path dir = cache.resolve(Hashes.sha256(key.getBytes(StandardCharsets.UTF_8)));
        if (Files.isRegularFile(dir.resolve(".built"))) {
            return dir;
        }
        Path temp = Files.createTempDirectory(Files.createDirectories(cache), ".tmp-");
        try {
            List<String> arguments = new ArrayList<>(List.of("--release", template.javaRelease(), "-proc:none",
                    "-encoding", "UTF-8", "-nowarn", "-d", temp.resolve("classes").toString(), "-cp",
                    temp.resolve("sqlite-jdbc.jar").toString()));
            for (String path : inputs.keySet()) {
                boolean jar = path.equals(driver.path());
                byte[] content = contents.get(path);
                if (content == null && jar) { // a lean template: the driver from the Maven repository
                    content = MavenRepo.jar(driver, env);
                }
                Failure.require(content != null, Exit.VERIFICATION_FAILED, path + " is listed but not packed");
                Path target = jar ? temp.resolve("sqlite-jdbc.jar") : PathSafety.resolve(temp.resolve("src"), path);
                Files.createDirectories(target.getParent());
                Files.write(target, content);
                if (!jar) {
                    arguments.add(target.toString());
                }
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            Failure.require(javac != null, Exit.COMPILE_FAILED, "this Java has no compiler: install a JDK "
                    + template.javaRelease() + "+");
            env.out().println("building the installer of " + template.shown + " (" + (inputs.size() - 1)
                    + " files) ...");
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            if (javac.run(null, errors, errors, arguments.toArray(String[]::new)) != 0) {
                throw new Failure(Exit.COMPILE_FAILED, "the installer of " + template.shown + " does not compile: "
                        + String.join(" | ", errors.toString().strip().lines().limit(3).toList()));
            }
            Files.writeString(temp.resolve(".built"), key);
            try {
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) { // another bootstrap built the same installer first: use theirs
                Failure.require(Files.isRegularFile(dir.resolve(".built")), Exit.UNEXPECTED, "cannot build " + dir
                        + ": " + raced);
            }
        } finally {
            Disk.deleteTree(temp);
        }
        return dir;
    }

    /**
     * Records {@code dir} as the installer build of the live database, in {@code current} beside it, so {@code parley
     * prune} keeps it while it deletes older ones. Best effort: a read-only cache only costs the pruning.
     */
    static void markCurrent(Path dir) {
        Path current = dir.getParent().resolve("current");
        String name = dir.getFileName().toString() + "\n";
        try {
            if (!Files.isRegularFile(current) || !Files.readString(current).equals(name)) {
                Path temp = Files.createTempFile(dir.getParent(), ".current-", ".tmp");
                Files.writeString(temp, name);
                Files.move(temp, current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // pruning then keeps the newest builds only
        }
    }

    /** Calls the installer built in {@code dir} as stage 1 would: {@code run(args, variables, handover, out, err)}. */
    int call(Path dir, String[] args, Environment env, Map<String, String> handover) throws Throwable {
        URLClassLoader loader;
        synchronized (LOADERS) {
            loader = LOADERS.get(dir);
            if (loader == null) {
                loader = new URLClassLoader("parley-installer", new URL[] {dir.resolve("classes/").toUri().toURL(),
                        dir.resolve("sqlite-jdbc.jar").toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                LOADERS.put(dir, loader);
            }
        }
        return (int) MethodHandles.publicLookup().findStatic(loader.loadClass(className), "run",
                MethodType.methodType(int.class, String[].class, Map.class, Map.class, PrintStream.class,
                        PrintStream.class)).invoke(args, env.variables(), handover, env.out(), env.err());
    }
}
