package dev.parley.boundaries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks the main sources of a Parley tree against {@link AllowedImports}: every {@code modules/<m>/src/main/java},
 * {@code packer/src/main/java} and {@code bootstrap/Bootstrap.java}. Tests are not checked: they may reach into any
 * module to set up a hub.
 */
final class ModuleBoundaries {
    private final AllowedImports allowed;

    ModuleBoundaries(AllowedImports allowed) {
        this.allowed = allowed;
    }

    /** The main source files of {@code root}, by module name, in a stable order. */
    static Map<String, List<Path>> mainSources(Path root) throws IOException {
        Map<String, List<Path>> sources = new LinkedHashMap<>();
        try (Stream<Path> modules = Files.list(root.resolve("modules"))) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                sources.put(module.getFileName().toString(), javaFiles(module.resolve("src/main/java")));
            }
        }
        sources.put("packer", javaFiles(root.resolve("packer/src/main/java")));
        sources.put("installer", javaFiles(root.resolve("installer/src/main/java")));
        sources.put("bootstrap", List.of(root.resolve("bootstrap/Bootstrap.java")));
        return sources;
    }

    /** Every broken rule in the tree at {@code root}, one line each; empty when the tree keeps them all. */
    List<String> violations(Path root) throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<Path>> module : mainSources(root).entrySet()) {
            if (!allowed.modules().contains(module.getKey())) {
                violations.add("module " + module.getKey() + " has no row in the README's table '"
                        + AllowedImports.HEADING + "'");
                continue;
            }
            for (Path file : module.getValue()) {
                violations.addAll(violations(module.getKey(), root.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file)));
            }
        }
        return violations;
    }

    /** The broken rules of one source file of {@code module}; {@code path} names it in the messages. */
    List<String> violations(String module, String path, String source) {
        List<String> violations = new ArrayList<>();
        JavaReferences references = JavaReferences.of(source);
        String expectedPackage = module.equals("bootstrap") ? "" : "dev.parley." + module;
        String actual = references.packageName();
        boolean inOwnPackage = actual.equals(expectedPackage)
                || !expectedPackage.isEmpty() && actual.startsWith(expectedPackage + ".");
        if (!inOwnPackage) {
            violations.add(path + ": package '" + actual + "' is not " + (expectedPackage.isEmpty()
                    ? "the unnamed package" : expectedPackage + "[.…]") + ", the package of module " + module);
        }
        for (String used : references.modules()) {
            if (!allowed.allows(module, used)) {
                violations.add(path + ": " + module + " may not use dev.parley." + used + " (" + module
                        + " may use: " + (allowed.allowedFor(module).isEmpty() ? "nothing of ours"
                        : String.join(", ", allowed.allowedFor(module))) + ")");
            }
        }
        return violations;
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }
}
