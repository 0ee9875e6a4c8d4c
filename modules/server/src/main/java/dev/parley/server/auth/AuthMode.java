package dev.parley.server.auth;

import java.util.Locale;

/**
 * How strictly the hub checks who a peer is.
 *
 * <ul>
 *   <li>{@code open}: anyone, any name — for trusted networks and compat clients. The default only
 *       when the hub binds to loopback, or with {@code --open}.</li>
 *   <li>{@code token}: every peer that is not on this machine must present the hub token (auth
 *       frame {@code token}, header {@code Authorization: Bearer}/{@code X-Parley-Token}, or query
 *       {@code ?token=}). Names that were claimed with a key also need their key.</li>
 *   <li>{@code keys}: as {@code token}, and every name needs its key: the first registration of a
 *       name claims it, later connections and REST writes under it must prove it.</li>
 * </ul>
 */
public enum AuthMode {
    OPEN, TOKEN, KEYS;

    /** Parses {@code open}, {@code token} or {@code keys}. */
    public static AuthMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("auth mode must be open, token or keys, not '" + text + "'");
        }
    }

    /** The mode a hub uses when none is configured: open on loopback, token when reachable from the network. */
    public static AuthMode defaultFor(String bindHost) {
        boolean loopback = bindHost.equals("127.0.0.1") || bindHost.equals("localhost") || bindHost.equals("::1");
        return loopback ? OPEN : TOKEN;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
