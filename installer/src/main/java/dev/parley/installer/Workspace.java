package dev.parley.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Extracts, compiles and caches one build in {@code $PARLEY_HOME/workspace/<build_hash>/}: {@code src/} (every
 * packed file by its path), {@code lib/} (the jars), {@code classes/}, {@code app.jar}, {@code native/} (sqlite-jdbc's
 * library for this machine, {@link NativeLibrary}) and {@code classpath.args} (the launchers' JVM options). The build
 * happens in a temporary folder renamed into place when complete, then marked, so a later start with the same hash
 * reuses it untouched.
 */
final class Workspace {
    private static final String MARKER = ".built";

    private final Home home;
    private final Environment env;

    Workspace(Home home, Environment env) {
        this.home = home;
        this.env = env;
    }

    /**
     * The build a signed manifest's metadata names, when it is built already (a warm start: no SQLite needed);
     * else null.
     */
    static Build cached(Home home, Map<String, String> meta, Environment env) {
        String hash = meta.get("build_hash");
        String main = meta.get("main_class");
        if (hash == null || main == null || !hash.matches("[0-9a-f]{64}")) {
            return null;
        }
        Path dir = home.workspace().resolve(hash);
        if (!Files.isRegularFile(dir.resolve(MARKER)) || !Files.isRegularFile(dir.resolve(Build.CLASSPATH_LIST))) {
            return null;
        }
        String cli = meta.getOrDefault("cli_class", main);
        Failure.require(main.matches(Template.JAVA_NAME) && cli.matches(Template.JAVA_NAME), Exit.VERIFICATION_FAILED,
                "metadata main_class/cli_class is not a class name");
        env.out().println("using cached build " + Hashes.hash12(hash));
        return new Build(hash, dir, main, cli);
    }

    /**
     * @param verified the template's verified contents when already at hand, else null
     * @param forJBang write a JBang script instead of compiling (and leave the jars to JBang)
     */
    Build prepare(Template template, Map<String, byte[]> verified, boolean forJBang) throws IOException {
        String hash = template.buildHash();
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new Failure(Exit.VERIFICATION_FAILED, "build_hash '" + hash + "' is not a sha256");
        }
        Path dir = home.workspace().resolve(forJBang ? hash + "-jbang" : hash);
        Build build = new Build(hash, dir, template.className("main_class"), template.className("cli_class"));
        if (Files.isRegularFile(dir.resolve(MARKER)) && (forJBang || Files.isRegularFile(dir.resolve(
                Build.CLASSPATH_LIST)))) {
            env.out().println("using cached build " + Hashes.hash12(hash));
            return build;
        }
        Map<String, byte[]> contents = verified != null ? verified : template.verify();
        Map<String, byte[]> jars = new LinkedHashMap<>();
        if (!forJBang) {
            for (Library library : template.libraries) {
                byte[] jar = contents.get(library.path());
                jars.put(library.path(), jar != null ? jar : MavenRepo.jar(library, env));
            }
        }
        Disk.createPrivateFolders(home.root());
        Files.createDirectories(home.workspace());
        Path temp = Files.createTempDirectory(home.workspace(), ".tmp-" + Hashes.hash12(hash) + "-");
        try {
            List<Path> sources = new ArrayList<>();
            for (PackedFile packed : template.files) {
                if (!"library".equals(packed.kind())) {
                    Path target = PathSafety.resolve(temp.resolve("src"), packed.path());
                    Disk.writeFile(target, contents.get(packed.path()));
                    if ("java".equals(packed.kind())) {
                        sources.add(target);
                    }
                }
            }
            for (Map.Entry<String, byte[]> jar : jars.entrySet()) {
                Disk.writeFile(PathSafety.resolve(temp, jar.getKey()), jar.getValue());
            }
            if (forJBang) {
                Disk.writeFile(temp.resolve("src/ParleyMain.java"),
                        JBang.script(template).getBytes(StandardCharsets.UTF_8));
            } else {
                List<Path> jarFiles = jars.keySet().stream().map(temp::resolve).toList();
                Compiler.compile(sources, jarFiles, temp.resolve("classes"), template.javaRelease(),
                        "build " + Hashes.hash12(hash), env);
                for (PackedFile packed : template.files) {
                    boolean onClassPath = "resource".equals(packed.kind()) || "migration".equals(packed.kind());
                    if (onClassPath && packed.resourceName() != null) {
                        Disk.writeFile(PathSafety.resolve(temp.resolve("classes"), packed.resourceName()),
                                contents.get(packed.path()));
                    }
                }
                // One jar of classes and resources: class-data sharing archives classes from jars, not folders.
                AppJar.write(temp.resolve("classes"), temp.resolve(Build.APP_JAR));
                List<Path> classpath = new ArrayList<>(List.of(dir.resolve(Build.APP_JAR))); // where it will be
                jars.keySet().forEach(jar -> classpath.add(dir.resolve(jar)));
                Files.write(temp.resolve(Build.CLASSPATH_LIST), classpath.stream().map(Path::toString).toList());
                String quoted = classpath.stream().map(Path::toString).collect(Collectors.joining(
                        java.io.File.pathSeparator)).replace("\\", "\\\\")
                        .replace("\"", "\\\"");
                StringBuilder args = new StringBuilder("-cp \"" + quoted + "\"\n");
                byte[] driver = jars.get(template.metadata.get("installer_classpath")); // the hub's sqlite-jdbc
                for (String option : driver == null ? List.<String>of()
                        : NativeLibrary.extract(driver, temp.resolve("native"), dir.resolve("native"))) {
                    args.append('"').append(option.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
                }
                Files.writeString(temp.resolve("classpath.args"), args);
            }
            Files.writeString(temp.resolve(MARKER), hash + "\n");
            moveIntoPlace(temp, dir);
        } finally {
            Disk.deleteTree(temp);
        }
        return build;
    }

    private static void moveIntoPlace(Path temp, Path dir) throws IOException {
        if (Files.exists(dir) && !Files.exists(dir.resolve(MARKER))) {
            Disk.deleteTree(dir); // an incomplete build left by hand or by an older bootstrap
        }
        try {
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!Files.isRegularFile(dir.resolve(MARKER))) {
                throw e;
            } // another bootstrap finished the same build first: use theirs
        }
    }
}
