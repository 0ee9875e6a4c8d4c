package dev.parley.cli;

import dev.parley.client.HubAddress;

/**
 * A join code, what a new peer needs to reach a hub: {@code parley://host:port#token}. {@code parley invite}
 * prints one, {@code parley join} stores it. The hub prints the same form at its first start. Between
 * {@code parley://} and {@code #} stands a {@code host:port} as {@link HubAddress} reads it (IPv6 in brackets;
 * without a port, the hub's default).
 *
 * @param hub   where the hub is
 * @param token the hub token
 */
public record JoinCode(HubAddress hub, String token) {
    public static final String SCHEME = "parley";

    /** Reads a join code; a malformed one is a {@link Exit#USAGE} error. */
    public static JoinCode parse(String text) {
        String problem = "not a join code: '" + text + "' (expected parley://host:port#token, from `parley invite`)";
        String code = text.strip();
        String prefix = SCHEME + "://";
        int hash = code.indexOf('#');
        if (!code.regionMatches(true, 0, prefix, 0, prefix.length()) || hash < 0 || code.substring(hash + 1).isBlank()) {
            throw new CliException(Exit.USAGE, problem);
        }
        String where = code.substring(prefix.length(), hash);
        if (where.contains("/")) {
            throw new CliException(Exit.USAGE, problem);
        }
        try {
            return new JoinCode(HubAddress.parse(where), code.substring(hash + 1));
        } catch (IllegalArgumentException e) {
            throw new CliException(Exit.USAGE, problem);
        }
    }

    /** The hub's host as written in a URL (IPv6 in brackets). */
    public String host() {
        return hub.host();
    }

    /** The hub's port. */
    public int port() {
        return hub.port();
    }

    /** The hub's base URL. */
    public String serverUrl() {
        return hub.toString();
    }

    @Override
    public String toString() {
        return SCHEME + "://" + hub.host() + ":" + hub.port() + "#" + token;
    }
}
