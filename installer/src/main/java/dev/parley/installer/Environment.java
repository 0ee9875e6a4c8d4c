package dev.parley.installer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What the installer sees of the world, handed over by stage 1 so tests can run both stages in-process with
 * their own folders and streams.
 *
 * @param cwd       the current directory; relative paths resolve against it
 * @param variables environment variables (PARLEY_HOME, PARLEY_DB, PARLEY_WORKSPACE, PARLEY_MAVEN_REPO,
 *                  PARLEY_JBANG, PATH, PARLEY_DEBUG)
 * @param osName    the {@code os.name} system property (or a test's stand-in)
 * @param userHome  the {@code user.home} system property (or a test's stand-in)
 */
record Environment(Path cwd, Map<String, String> variables, String osName, String userHome, PrintStream out,
                   PrintStream err) {
    /** A set, non-blank variable, else null. */
    String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    boolean windows() {
        return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
