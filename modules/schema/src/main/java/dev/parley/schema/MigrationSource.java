package dev.parley.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the ordered runtime schema steps come from: the class path for a running hub, a folder
 * for the packer (which packs whatever source tree it is given).
 *
 * <p>Both read {@code migrations.txt}, one file name per line, in the order the steps apply.
 */
public interface MigrationSource {
    /** The index file listing the steps in order. */
    String INDEX = "migrations.txt";

    /** The steps, in order. */
    List<Migration> migrations();

    /** One named schema step. */
    record Migration(String name, String sql) {}

    /** Steps stored as class-path resources under {@code parley/migrations/}. */
    static MigrationSource classpath() {
        return () -> {
            String index = readResource(INDEX);
            List<Migration> steps = new ArrayList<>();
            for (String file : fileNames(index)) {
                steps.add(new Migration(stepName(file), readResource(file)));
            }
            return steps;
        };
    }

    /** Steps stored in a folder, as in the source tree's {@code template/migrations}. */
    static MigrationSource folder(Path folder) {
        return () -> {
            try {
                String index = Files.readString(folder.resolve(INDEX));
                List<Migration> steps = new ArrayList<>();
                for (String file : fileNames(index)) {
                    steps.add(new Migration(stepName(file), Files.readString(folder.resolve(file))));
                }
                return steps;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read migrations in " + folder, e);
            }
        };
    }

    /** The step's name as recorded in the migrations table: the file name without {@code .sql}. */
    static String stepName(String fileName) {
        return fileName.endsWith(".sql") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }

    private static List<String> fileNames(String index) {
        return index.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static String readResource(String name) {
        String path = "parley/migrations/" + name;
        try (InputStream in = MigrationSource.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
