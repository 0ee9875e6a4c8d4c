package dev.parley.installer;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code $PARLEY_HOME} and the folders derived from it. The workspace (builds, one folder per build hash, and the
 * installer's builds) is {@code $PARLEY_WORKSPACE} when set, so several homes can share builds (the distribution
 * tests build the hub once per run this way); every install still verifies its template.
 */
record Home(Path root, Path workspace) {
    /**
     * Where Parley keeps its files: {@code PARLEY_HOME}, else {@code ~/.parley}; on Windows, when the user profile
     * path holds a space (which breaks too many tools), {@code C:\dev\.parley}. Stage 1 and the hub use this rule.
     */
    static String locate(String osName, Map<String, String> variables, String userHome) {
        String configured = variables.get("PARLEY_HOME");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        boolean windows = osName != null && osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        if (windows && userHome.contains(" ")) {
            return "C:\\dev\\.parley";
        }
        String separator = windows ? "\\" : "/";
        return userHome.endsWith(separator) ? userHome + ".parley" : userHome + separator + ".parley";
    }

    static Home of(Environment env) {
        Path root = env.cwd().resolve(locate(env.osName(), env.variables(), env.userHome())).normalize();
        String workspace = env.variable("PARLEY_WORKSPACE");
        return new Home(root, workspace == null ? root.resolve("workspace") : env.cwd().resolve(workspace).normalize());
    }

    /** The live database: {@code PARLEY_DB}, else {@code $PARLEY_HOME/parley.db}. */
    static Path liveDb(Environment env, Home home) {
        String configured = env.variable("PARLEY_DB");
        return configured != null ? env.cwd().resolve(configured).normalize() : home.root().resolve("parley.db");
    }

    Path bin() { return root.resolve("bin"); }
    Path backups() { return root.resolve("backups"); }
}
