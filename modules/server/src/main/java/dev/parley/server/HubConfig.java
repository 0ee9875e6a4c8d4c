package dev.parley.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where and how a hub serves. Built from {@code PARLEY_*} variables, then overridden by flags.
 *
 * @param db   the database file
 * @param host the address to bind
 * @param port the port, 0 for any free one
 */
public record HubConfig(Path db, String host, int port) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 9700;

    /** Reads {@code PARLEY_DB}, {@code PARLEY_HOME}, {@code PARLEY_HOST} and {@code PARLEY_PORT}. */
    public static HubConfig fromEnvironment(Map<String, String> env) {
        Path home = env.containsKey("PARLEY_HOME")
                ? Path.of(env.get("PARLEY_HOME"))
                : Path.of(System.getProperty("user.home"), ".parley");
        Path db = env.containsKey("PARLEY_DB") ? Path.of(env.get("PARLEY_DB")) : home.resolve("parley.db");
        String host = env.getOrDefault("PARLEY_HOST", DEFAULT_HOST);
        int port = DEFAULT_PORT;
        if (env.containsKey("PARLEY_PORT")) {
            try {
                port = Integer.parseInt(env.get("PARLEY_PORT").strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PARLEY_PORT is not a port number: " + env.get("PARLEY_PORT"));
            }
        }
        return new HubConfig(db, host, port);
    }

    /** This config with every non-null argument taking the place of its field. */
    public HubConfig withOverrides(Path db, String host, Integer port) {
        return new HubConfig(db != null ? db : this.db, host != null ? host : this.host, port != null ? port : this.port);
    }
}
