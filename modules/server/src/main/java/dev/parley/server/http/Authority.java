package dev.parley.server.http;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code host[:port]} part of a {@code Host} header or an origin, normalized for comparison:
 * the host in lower case without IPv6 brackets or a trailing dot, the port or -1 when none is given.
 *
 * @param host the host name or address literal
 * @param port the port, -1 when absent
 */
record Authority(String host, int port) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+(%[0-9a-z._~-]+)?");

    /** Parses {@code name}, {@code name:port}, {@code [v6]} or {@code [v6]:port}; null if it is none of them. */
    static Authority parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        String host;
        String rest;
        if (lower.startsWith("[")) {
            int close = lower.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = lower.substring(1, close).replace("%25", "%");
            rest = lower.substring(close + 1);
            if (!IPV6.matcher(host).matches() || !host.contains(":")) {
                return null;
            }
        } else {
            int colon = lower.indexOf(':');
            if (colon != lower.lastIndexOf(':')) {
                return null; // an IPv6 literal must be bracketed
            }
            host = colon < 0 ? lower : lower.substring(0, colon);
            rest = colon < 0 ? "" : lower.substring(colon);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (!NAME.matcher(host).matches()) {
                return null;
            }
        }
        int port = -1;
        if (!rest.isEmpty()) {
            if (!rest.startsWith(":") || rest.length() < 2 || rest.length() > 6
                    || !rest.substring(1).chars().allMatch(Character::isDigit)) {
                return null;
            }
            port = Integer.parseInt(rest.substring(1));
            if (port > 65535) {
                return null;
            }
        }
        return new Authority(host, port);
    }

    /**
     * Whether the host is an address literal rather than a name. A page can only run in an
     * address's origin if it was served from that address and port, so literals need no allow-list:
     * DNS rebinding works through a name the attacker controls.
     */
    boolean isAddressLiteral() {
        return host.contains(":") || IPV4.matcher(host).matches();
    }

    /** The port, or the given default when none was written. */
    int portOr(int defaultPort) {
        return port >= 0 ? port : defaultPort;
    }
}
