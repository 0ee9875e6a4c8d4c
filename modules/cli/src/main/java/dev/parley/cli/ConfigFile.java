package dev.parley.cli;

import dev.parley.store.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code $PARLEY_HOME/config.properties}: {@code server_url}, {@code name}, {@code token}, {@code key}. Written by
 * {@code parley join} and {@code parley register --save}; readable only by its owner since it holds secrets.
 */
public final class ConfigFile {
    public static final String SERVER_URL = "server_url";
    public static final String NAME = "name";
    public static final String TOKEN = "token";
    public static final String KEY = "key";

    private final Path file;

    public ConfigFile(Path file) {
        this.file = file;
    }

    /** Where the file lives. */
    public Path file() {
        return file;
    }

    /** The values in the file; empty when there is none. */
    public Map<String, String> read() {
        Map<String, String> values = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(Exit.FILE_ERROR, "cannot read the config file " + file + ": " + e.getMessage());
        }
        properties.stringPropertyNames().forEach(name -> {
            String value = properties.getProperty(name).strip();
            if (!value.isEmpty()) {
                values.put(name, value);
            }
        });
        return values;
    }

    /** Sets some values (a null value removes the key), keeping the others; replaces the file atomically. */
    public void update(Map<String, String> changes) {
        Map<String, String> values = read();
        changes.forEach((name, value) -> {
            if (value == null) {
                values.remove(name);
            } else {
                values.put(name, value);
            }
        });
        try {
            Path dir = file.toAbsolutePath().getParent();
            PrivateFiles.createFolders(dir); // a new PARLEY_HOME is 0700, as the hub makes it
            Path temp = Files.createTempFile(dir, ".config", ".tmp");
            restrictToOwner(temp);
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                writer.write("# Parley CLI settings (written by parley join / register --save).\n");
                writer.write("# Precedence: command-line flags > PARLEY_* environment > this file > defaults.\n");
                for (Map.Entry<String, String> entry : values.entrySet()) {
                    writer.write(entry.getKey() + "=" + escape(entry.getValue()) + "\n");
                }
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException(Exit.FILE_ERROR, "cannot write the config file " + file + ": " + e.getMessage());
        }
    }

    private static void restrictToOwner(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the profile folder's ACL applies.
        }
    }

    /** Properties escaping for a value: backslashes, and characters that would end or reshape the line. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
