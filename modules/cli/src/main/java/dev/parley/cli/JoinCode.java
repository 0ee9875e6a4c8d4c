package dev.parley.cli;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A join code, what a new peer needs to reach a hub: {@code parley://host:port#token}. {@code parley invite}
 * prints one, {@code parley join} stores it. The hub prints the same form at its first start.
 *
 * @param host  the hub's host name or address (IPv6 in brackets)
 * @param port  the hub's port
 * @param token the hub token
 */
public record JoinCode(String host, int port, String token) {
    public static final String SCHEME = "parley";

    /** Reads a join code; a malformed one is a {@link Exit#USAGE} error. */
    public static JoinCode parse(String text) {
        String problem = "not a join code: '" + text + "' (expected parley://host:port#token, from `parley invite`)";
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new CliException(Exit.USAGE, problem);
        }
        if (!SCHEME.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0
                || uri.getFragment() == null || uri.getFragment().isBlank()) {
            throw new CliException(Exit.USAGE, problem);
        }
        return new JoinCode(uri.getHost(), uri.getPort(), uri.getFragment());
    }

    /** The hub's base URL. */
    public String serverUrl() {
        return "http://" + host + ":" + port;
    }

    @Override
    public String toString() {
        return SCHEME + "://" + host + ":" + port + "#" + token;
    }
}
