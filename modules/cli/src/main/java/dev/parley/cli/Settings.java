package dev.parley.cli;

import dev.parley.client.HubAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command runs with, resolved once: flags, then {@code PARLEY_*} environment variables, then
 * {@code $PARLEY_HOME/config.properties}, then defaults.
 *
 * @param hub       where the hub is, in any form {@link HubAddress} reads
 * @param name      the participant this command acts as
 * @param token     the hub token, or null
 * @param key       the participant key, or null
 * @param home      {@code $PARLEY_HOME}
 * @param db        the local live database ({@code $PARLEY_DB}, else {@code $PARLEY_HOME/parley.db})
 * @param json      output for scripts
 */
public record Settings(HubAddress hub, String name, String token, String key, Path home, Path db, boolean json) {
    public static final String DEFAULT_SERVER_URL = "http://localhost:9700";

    /** Resolves the settings from flags, an environment and the config file under its {@code PARLEY_HOME}. */
    public static Settings resolve(GlobalOptions flags, Map<String, String> env) {
        Path home = homeOf(env);
        Map<String, String> file = configFile(env).read();
        String server = first(flags.server, env.get("PARLEY_SERVER_URL"), file.get(ConfigFile.SERVER_URL),
                DEFAULT_SERVER_URL);
        String name = first(flags.name, env.get("PARLEY_NAME"), file.get(ConfigFile.NAME), osUser());
        String token = first(flags.token, env.get("PARLEY_TOKEN"), file.get(ConfigFile.TOKEN), null);
        String key = first(flags.key, env.get("PARLEY_KEY"), file.get(ConfigFile.KEY), null);
        String db = blankToNull(env.get("PARLEY_DB"));
        return new Settings(hubAddress(server), name, token, key, home,
                db != null ? Path.of(db) : home.resolve("parley.db"), Boolean.TRUE.equals(flags.json));
    }

    /** The participant name when a flag, the environment or the config file sets one; null for the OS default. */
    public static String configuredName(GlobalOptions flags, Map<String, String> env) {
        return first(flags.name, env.get("PARLEY_NAME"), configFile(env).read().get(ConfigFile.NAME), null);
    }

    /** {@code $PARLEY_HOME}, else {@code ~/.parley} (the hub and the bootstrap use the same rule). */
    public static Path homeOf(Map<String, String> env) {
        String home = blankToNull(env.get("PARLEY_HOME"));
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".parley");
    }

    /** Where backups go: {@code $PARLEY_HOME/backups/} (the bootstrap puts its pre-upgrade backups there too). */
    public Path backups() {
        return home.resolve("backups");
    }

    /** The bootstrap's build folders: {@code $PARLEY_WORKSPACE}, else {@code $PARLEY_HOME/workspace} (its rule too). */
    public static Path workspaceOf(Map<String, String> env) {
        String workspace = blankToNull(env.get("PARLEY_WORKSPACE"));
        return workspace != null ? Path.of(workspace).toAbsolutePath().normalize() : homeOf(env).resolve("workspace");
    }

    /** Where the bootstrap keeps its installer builds: {@code PARLEY_INSTALLER_CACHE}, else the workspace's. */
    public static Path installerCacheOf(Map<String, String> env) {
        String cache = blankToNull(env.get("PARLEY_INSTALLER_CACHE"));
        return cache != null ? Path.of(cache).toAbsolutePath().normalize() : workspaceOf(env).resolve("installer");
    }

    /** The config file of an environment's {@code PARLEY_HOME}. */
    public static ConfigFile configFile(Map<String, String> env) {
        return new ConfigFile(homeOf(env).resolve("config.properties"));
    }

    /** The hub's base URL, {@code http(s)://host:port}: what messages show and the MCP server and bench get. */
    public String serverUrl() {
        return hub.toString();
    }

    /** A hub address as given (a flag, {@code PARLEY_SERVER_URL}, the config file); a malformed one is a usage error. */
    public static HubAddress hubAddress(String text) {
        try {
            return HubAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(Exit.USAGE, e.getMessage());
        }
    }

    private static String osUser() {
        String user = System.getProperty("user.name", "").strip();
        return user.isEmpty() ? "cli" : user;
    }

    private static String first(String flag, String env, String file, String fallback) {
        if (blankToNull(flag) != null) {
            return flag.strip();
        }
        if (blankToNull(env) != null) {
            return env.strip();
        }
        return file != null ? file : fallback;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
