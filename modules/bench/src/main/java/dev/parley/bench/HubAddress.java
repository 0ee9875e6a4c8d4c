package dev.parley.bench;

import java.net.URI;
import java.util.Locale;

/**
 * Where a hub is: the HTTP base for REST and the WebSocket endpoint {@code /ws} beside it.
 *
 * @param http the base, e.g. {@code http://127.0.0.1:9700} (no trailing slash)
 * @param ws   the socket endpoint, e.g. {@code ws://127.0.0.1:9700/ws}
 */
record HubAddress(URI http, URI ws) {

    /**
     * Reads a hub URL. {@code http(s)://host:port[/prefix]} is the usual form; a {@code ws(s)://} URL,
     * with or without the trailing {@code /ws}, names the same hub.
     */
    static HubAddress parse(String url) {
        String base = url == null ? "" : url.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        int colon = base.indexOf("://");
        if (colon <= 0) {
            throw new IllegalArgumentException("not a hub URL (want http://host:port): " + url);
        }
        String scheme = base.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = base.substring(colon);
        boolean secure = switch (scheme) {
            case "http", "ws" -> false;
            case "https", "wss" -> true;
            default -> throw new IllegalArgumentException("unsupported scheme '" + scheme + "' in " + url);
        };
        if (!scheme.startsWith("http") && rest.endsWith("/ws")) {
            rest = rest.substring(0, rest.length() - "/ws".length());
        }
        URI http = URI.create((secure ? "https" : "http") + rest);
        if (http.getHost() == null) {
            throw new IllegalArgumentException("no host in hub URL " + url);
        }
        return new HubAddress(http, URI.create((secure ? "wss" : "ws") + rest + "/ws"));
    }

    /** An absolute URI for a path on the hub, e.g. {@code /api/send}. */
    URI resolve(String path) {
        return URI.create(http + path);
    }
}
