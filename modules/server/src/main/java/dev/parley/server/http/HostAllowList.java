package dev.parley.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The names a hub answers to in the {@code Host} header, against DNS rebinding: a page on
 * {@code evil.example} whose name the attacker re-points at the hub's address is same-origin with
 * the hub as far as the browser knows, but its requests carry {@code Host: evil.example}.
 *
 * <p>Allowed: every address literal (a page can only run in an address's origin if that address
 * served it), {@code localhost} and {@code *.localhost} (browsers resolve them to loopback
 * themselves), the bound host when it is a name, this machine's names (as
 * {@link InetAddress#getLocalHost()} reports them, plus {@code NAME.local} for mDNS), and the
 * operator's {@code --allow-host} names. The machine's names are read once, at start.
 */
final class HostAllowList {
    private final Set<String> names;

    private HostAllowList(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** The list for a hub bound to {@code boundHost}, with the operator's extra names. */
    static HostAllowList forHub(String boundHost, Collection<String> extraNames) {
        Set<String> names = new LinkedHashSet<>(extraNames);
        names.add("localhost");
        Authority bound = Authority.parse(boundHost);
        if (bound != null && !bound.isAddressLiteral()) {
            names.add(bound.host());
        }
        names.addAll(machineNames());
        return new HostAllowList(names);
    }

    /** Whether a request addressed to {@code host} may be served. */
    boolean allows(Authority host) {
        return host.isAddressLiteral() || host.host().endsWith(".localhost") || names.contains(host.host());
    }

    private static Set<String> machineNames() {
        Set<String> found = new LinkedHashSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            addName(found, local.getHostName());
            addName(found, local.getCanonicalHostName());
        } catch (UnknownHostException e) {
            // The machine's own name does not resolve: nobody can reach the hub by it either.
        }
        String env = System.getenv("HOSTNAME");
        if (env != null) {
            addName(found, env);
        }
        return found;
    }

    private static void addName(Set<String> names, String name) {
        Authority parsed = Authority.parse(name);
        if (parsed == null || parsed.isAddressLiteral() || parsed.port() >= 0) {
            return;
        }
        String host = parsed.host().toLowerCase(Locale.ROOT);
        names.add(host);
        if (!host.contains(".")) {
            names.add(host + ".local");
        } else {
            names.add(host.substring(0, host.indexOf('.'))); // the short name of a fully qualified one
        }
    }
}
