package dev.parley.packer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Copies the parts of a source tree the packer reads, so a test can pack a changed version. */
public final class SourceCopy {
    private static final List<String> PACKED = List.of("modules", "template", "bootstrap", "installer", "README.md",
            "QUICKSTART.md", "BENCHMARKS.md", "pom.xml");

    private SourceCopy() {}

    /** Copies modules/, template/, bootstrap/, the docs and the POM (not target/). */
    public static void copy(Path from, Path to) throws IOException {
        for (String name : PACKED) {
            Path source = from.resolve(name);
            if (!Files.exists(source)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path path : walk.toList()) {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(path, target);
                    }
                }
            }
        }
    }
}
