package dev.parley.server;

import dev.parley.server.auth.AuthMode;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where and how a hub serves. Built from {@code PARLEY_*} variables, then overridden by flags.
 *
 * @param db     the database file
 * @param host   the address to bind
 * @param port   the port, 0 for any free one
 * @param auth   how peers are checked; null means {@link AuthMode#defaultFor} the host
 * @param limits what clients may send
 */
public record HubConfig(Path db, String host, int port, AuthMode auth, Limits limits) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 9700;

    /** A config with default auth and limits. */
    public HubConfig(Path db, String host, int port) {
        this(db, host, port, null, Limits.DEFAULTS);
    }

    /** Reads {@code PARLEY_DB}, {@code PARLEY_HOME}, {@code PARLEY_HOST}, {@code PARLEY_PORT} and {@code PARLEY_AUTH}. */
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
        AuthMode auth = env.containsKey("PARLEY_AUTH") ? AuthMode.parse(env.get("PARLEY_AUTH")) : null;
        return new HubConfig(db, host, port, auth, Limits.DEFAULTS);
    }

    /** This config with every non-null argument taking the place of its field. */
    public HubConfig withOverrides(Path db, String host, Integer port) {
        return new HubConfig(db != null ? db : this.db, host != null ? host : this.host, port != null ? port : this.port,
                auth, limits);
    }

    /** This config with another auth mode. */
    public HubConfig withAuth(AuthMode auth) {
        return new HubConfig(db, host, port, auth, limits);
    }

    /** This config with other limits. */
    public HubConfig withLimits(Limits limits) {
        return new HubConfig(db, host, port, auth, limits);
    }

    /** The auth mode in force. */
    public AuthMode authMode() {
        return auth != null ? auth : AuthMode.defaultFor(host);
    }
}
