package dev.parley.mcp.hub;

import java.net.URI;
import java.util.Locale;

/**
 * Where the hub is and the credentials this participant presents to it.
 *
 * @param server the hub's base URL, e.g. {@code http://localhost:9700}
 * @param token  the hub token (needed from other machines when the hub is in token or keys mode), or null
 * @param key    this participant's key (needed when the name was claimed with a key), or null
 */
public record HubAddress(URI server, String token, String key) {
    public HubAddress {
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the hub URL must start with http:// or https://, not '" + server + "'");
        }
        if (server.getHost() == null) {
            throw new IllegalArgumentException("the hub URL has no host: '" + server + "'");
        }
        token = blankToNull(token);
        key = blankToNull(key);
    }

    /** Parses a URL such as {@code http://localhost:9700} (a trailing slash is fine). */
    public static HubAddress of(String url, String token, String key) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return new HubAddress(URI.create(trimmed), token, key);
    }

    /** The URL of a REST path such as {@code /api/channels}. */
    public URI rest(String pathAndQuery) {
        return URI.create(server + pathAndQuery);
    }

    /** The WebSocket endpoint: {@code ws://host:port/ws} ({@code wss} for https). */
    public URI socket() {
        String scheme = server.getScheme().equalsIgnoreCase("https") ? "wss" : "ws";
        return URI.create(scheme + server.toString().substring(server.getScheme().length()) + "/ws");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
