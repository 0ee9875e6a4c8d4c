package dev.parley.server;

import dev.parley.server.auth.AuthMode;
import dev.parley.server.http.OriginPolicy;
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
 * @param origins which other web origins and host names browsers may reach the hub by
 * @param wsCompression whether the hub accepts permessage-deflate when a client offers it (off by default: on a
 *                      LAN the scarce resource is the hub's CPU, and deflating every frame for every receiver
 *                      costs several times the rest of a delivery)
 * @param loopGuard how many messages agents may exchange in a channel with no human writing before the hub refuses
 *                  further agent sends there ({@code loop_guard}); 0 turns the guard off; a channel may set its own
 */
public record HubConfig(Path db, String host, int port, AuthMode auth, Limits limits, OriginPolicy origins,
                        boolean wsCompression, int loopGuard) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 9700;
    /** Agent messages in a row, with no human's, that a channel takes before the loop guard trips. */
    public static final int DEFAULT_LOOP_GUARD = dev.parley.store.HubStore.Options.DEFAULT_LOOP_GUARD;

    /** Refuses a port no socket can have (0 means any free one). */
    public HubConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be 0 to 65535 (0: any free port), not " + port);
        }
        if (loopGuard < 0) {
            throw new IllegalArgumentException("the loop guard is a number of messages, 0 (off) or more, not " + loopGuard);
        }
    }

    /** A config with default auth and limits. */
    public HubConfig(Path db, String host, int port) {
        this(db, host, port, null, Limits.DEFAULTS);
    }

    /** A config without WebSocket compression. */
    public HubConfig(Path db, String host, int port, AuthMode auth, Limits limits, OriginPolicy origins) {
        this(db, host, port, auth, limits, origins, false, DEFAULT_LOOP_GUARD);
    }

    /** A config that lets in only the hub's own origin and names. */
    public HubConfig(Path db, String host, int port, AuthMode auth, Limits limits) {
        this(db, host, port, auth, limits, OriginPolicy.NONE);
    }

    /**
     * Reads {@code PARLEY_DB}, {@code PARLEY_HOME}, {@code PARLEY_HOST}, {@code PARLEY_PORT}, {@code PARLEY_AUTH},
     * and the comma-separated {@code PARLEY_ALLOWED_ORIGINS} and {@code PARLEY_ALLOWED_HOSTS}.
     */
    public static HubConfig fromEnvironment(Map<String, String> env) {
        Path db = env.containsKey("PARLEY_DB") ? Path.of(env.get("PARLEY_DB")) : home(env).resolve("parley.db");
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
        OriginPolicy origins = OriginPolicy.fromLists(env.get("PARLEY_ALLOWED_ORIGINS"),
                env.get("PARLEY_ALLOWED_HOSTS"));
        return new HubConfig(db, host, port, auth, Limits.DEFAULTS, origins);
    }

    /** Parley's home folder: {@code PARLEY_HOME}, else {@code ~/.parley} (the live db, {@code bin/}, backups). */
    public static Path home(Map<String, String> env) {
        return env.containsKey("PARLEY_HOME") ? Path.of(env.get("PARLEY_HOME"))
                : Path.of(System.getProperty("user.home"), ".parley");
    }

    /** This config with every non-null argument taking the place of its field. */
    public HubConfig withOverrides(Path db, String host, Integer port) {
        return new HubConfig(db != null ? db : this.db, host != null ? host : this.host, port != null ? port : this.port,
                auth, limits, origins, wsCompression, loopGuard);
    }

    /** This config with another auth mode. */
    public HubConfig withAuth(AuthMode auth) {
        return new HubConfig(db, host, port, auth, limits, origins, wsCompression, loopGuard);
    }

    /** This config with other limits. */
    public HubConfig withLimits(Limits limits) {
        return new HubConfig(db, host, port, auth, limits, origins, wsCompression, loopGuard);
    }

    /** This config with another origin policy. */
    public HubConfig withOrigins(OriginPolicy origins) {
        return new HubConfig(db, host, port, auth, limits, origins, wsCompression, loopGuard);
    }

    /** This config with WebSocket compression accepted or declined. */
    public HubConfig withWsCompression(boolean wsCompression) {
        return new HubConfig(db, host, port, auth, limits, origins, wsCompression, loopGuard);
    }

    /** This config with another loop guard (0: off). */
    public HubConfig withLoopGuard(int loopGuard) {
        return new HubConfig(db, host, port, auth, limits, origins, wsCompression, loopGuard);
    }

    /** The auth mode in force. */
    public AuthMode authMode() {
        return auth != null ? auth : AuthMode.defaultFor(host);
    }
}
