package dev.parley.client;

import java.net.URI;
import java.util.Locale;

/**
 * Where a hub is, parsed once for every face (library, CLI, MCP server, bench, config file, join
 * codes). Accepted forms:
 *
 * <ul>
 *   <li>{@code http://host:port} or {@code https://host:port} (a trailing {@code /} is fine),</li>
 *   <li>{@code ws://host:port} or {@code wss://host:port}, with or without the {@code /ws} path —
 *       the form users of the reference hub write,</li>
 *   <li>{@code host:port} and plain {@code host} (port {@value #DEFAULT_PORT}),</li>
 *   <li>IPv6 literals in brackets: {@code [::1]:9700}, {@code http://[fe80::1]:9700}; a bare
 *       {@code ::1} is read as a host without a port.</li>
 * </ul>
 *
 * <p>Anything else is refused with an {@link IllegalArgumentException} whose message is one line
 * that names the accepted forms.
 *
 * @param secure whether the hub speaks TLS (https / wss)
 * @param host   the host as written in a URL: a name, an IPv4 address or a bracketed IPv6 literal
 * @param port   the TCP port
 */
public record HubAddress(boolean secure, String host, int port) {
    /** The port a hub listens on when an address names none. */
    public static final int DEFAULT_PORT = 9700;

    /** What {@link #parse} accepts, for error messages. */
    public static final String ACCEPTED_FORMS =
            "http(s)://host:port, ws(s)://host:port[/ws], host:port or host";

    public HubAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a hub address needs a host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range (1-65535)");
        }
    }

    /**
     * Reads a hub address in any of the accepted forms.
     *
     * @throws IllegalArgumentException with a one-line message naming the accepted forms
     */
    public static HubAddress parse(String text) {
        String input = text == null ? "" : text.strip();
        if (input.isEmpty()) {
            throw refused(text, "it is empty");
        }
        boolean secure = false;
        String rest = input;
        int scheme = input.indexOf("://");
        if (scheme >= 0) {
            secure = switch (input.substring(0, scheme).toLowerCase(Locale.ROOT)) {
                case "http", "ws" -> false;
                case "https", "wss" -> true;
                default -> throw refused(text, "unsupported scheme '" + input.substring(0, scheme) + "'");
            };
            rest = input.substring(scheme + 3);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        if (!path.isEmpty() && !path.equals("/") && !path.equals("/ws") && !path.equals("/ws/")) {
            throw refused(text, "a hub address has no path other than /ws");
        }
        if (authority.contains("@") || authority.contains("?") || authority.contains("#")) {
            throw refused(text, "user info, query and fragment are not part of a hub address");
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw refused(text, "the IPv6 literal has no closing ']'");
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw refused(text, "unexpected '" + after + "' after the IPv6 literal");
                }
                portText = after.substring(1);
            }
        } else if (authority.indexOf(':') != authority.lastIndexOf(':')) {
            if (scheme >= 0) {
                throw refused(text, "an IPv6 literal in a URL needs brackets, as in http://[::1]:9700");
            }
            host = "[" + authority + "]";
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty() || host.equals("[]")) {
            throw refused(text, "there is no host");
        }
        if (!host.startsWith("[") && !host.matches("[A-Za-z0-9._-]+")) {
            throw refused(text, "'" + host + "' is not a host name or address");
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            if (!portText.matches("[0-9]{1,5}")) {
                throw refused(text, "'" + portText + "' is not a port number");
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65_535) {
                throw refused(text, "port " + port + " is out of range (1-65535)");
            }
        }
        return new HubAddress(secure, host, port);
    }

    /** The HTTP base without a trailing slash, e.g. {@code http://127.0.0.1:9700}. */
    public URI http() {
        return URI.create((secure ? "https" : "http") + "://" + host + ":" + port);
    }

    /** The WebSocket endpoint, e.g. {@code ws://127.0.0.1:9700/ws}. */
    public URI ws() {
        return URI.create((secure ? "wss" : "ws") + "://" + host + ":" + port + "/ws");
    }

    /** An absolute URI for a path (and query) on the hub, e.g. {@code /api/send}. */
    public URI resolve(String pathAndQuery) {
        String path = pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery;
        return URI.create(http() + path);
    }

    /** The canonical text form, {@code http(s)://host:port}. */
    @Override
    public String toString() {
        return http().toString();
    }

    private static IllegalArgumentException refused(String text, String why) {
        return new IllegalArgumentException("not a hub address: '" + (text == null ? "" : text.strip())
                + "' (" + why + "; use " + ACCEPTED_FORMS + ")");
    }
}
