package dev.parley.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A built workspace: what the launchers need. */
record Build(String hash, Path dir, String mainClass, String cliClass) {
    /**
     * {@code -cp ...} as a java {@code @argfile}: a short command line for any number of jars (Windows caps a
     * command line at 32K characters, cmd.exe at 8K, and Linux shows only 4K of it to ProcessHandle).
     */
    Path classpathArgs() { return dir.resolve("classpath.args"); }
    Path jbangScript() { return dir.resolve("src/ParleyMain.java"); }

    static final String APP_JAR = "app.jar";
    /** The class path, one absolute path a line, for running the hub in the installer's JVM. */
    static final String CLASSPATH_LIST = "classpath.txt";

    List<Path> classpath() throws IOException {
        return Files.readAllLines(dir.resolve(CLASSPATH_LIST)).stream().filter(line -> !line.isBlank())
                .map(Path::of).toList();
    }
}
