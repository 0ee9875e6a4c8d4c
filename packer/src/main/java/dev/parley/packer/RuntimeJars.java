package dev.parley.packer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the runtime jars Maven copied in repository layout
 * ({@code <group path>/<artifact>/<version>/<artifact>-<version>.jar}), so each jar's
 * coordinates are exactly the ones Maven resolved.
 */
public final class RuntimeJars {
    private RuntimeJars() {}

    /** Every jar under the folder, sorted by path. */
    public static List<RuntimeJar> read(Path folder) throws IOException {
        List<RuntimeJar> jars = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path jar : walk.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar(folder.relativize(jar), Files.readAllBytes(jar)));
            }
        }
        return jars;
    }

    private static RuntimeJar jar(Path relative, byte[] content) {
        int count = relative.getNameCount();
        if (count < 4) {
            throw new IllegalArgumentException("not in repository layout: " + relative);
        }
        String version = relative.getName(count - 2).toString();
        String artifact = relative.getName(count - 3).toString();
        StringBuilder group = new StringBuilder();
        for (int i = 0; i < count - 3; i++) {
            group.append(i == 0 ? "" : ".").append(relative.getName(i));
        }
        String path = "lib/" + relative.toString().replace('\\', '/');
        return new RuntimeJar(group.toString(), artifact, version, path, content);
    }
}
