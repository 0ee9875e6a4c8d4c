package dev.parley.server.http;

import java.util.Locale;

/**
 * A web origin, {@code scheme://host[:port]}, as browsers send it in the {@code Origin} header and as
 * operators list them with {@code --allow-origin}. Compared by scheme, host and effective port.
 *
 * @param scheme    lower-case scheme
 * @param authority host and port as written
 */
record WebOrigin(String scheme, Authority authority) {

    /** Parses an origin; null for {@code null} (sandboxed or opaque pages), paths, or anything malformed. */
    static WebOrigin parse(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        int separator = trimmed.indexOf("://");
        if (separator <= 0) {
            return null;
        }
        String scheme = trimmed.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!scheme.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
            return null;
        }
        String rest = trimmed.substring(separator + 3);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1); // "http://host:port/" as an operator may write it
        }
        Authority authority = Authority.parse(rest);
        return authority == null || rest.contains("/") ? null : new WebOrigin(scheme, authority);
    }

    /** The port in effect: the written one, or the scheme's default. */
    int effectivePort() {
        return authority.portOr(defaultPort(scheme));
    }

    /**
     * Whether this is the origin of a request addressed to {@code host}: the same host and port.
     * The scheme is not compared: a port speaks one protocol, and a TLS proxy in front of the hub
     * keeps the {@code Host} while the page's origin says https.
     */
    boolean isOriginOf(Authority host) {
        return host != null && authority.host().equals(host.host())
                && effectivePort() == host.portOr(defaultPort(scheme));
    }

    /** Same scheme, host and effective port. */
    boolean sameAs(WebOrigin other) {
        return scheme.equals(other.scheme) && authority.host().equals(other.authority.host())
                && effectivePort() == other.effectivePort();
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }

    @Override
    public String toString() {
        String host = authority.host().contains(":") ? "[" + authority.host() + "]" : authority.host();
        return scheme + "://" + host + (authority.port() >= 0 ? ":" + authority.port() : "");
    }
}
