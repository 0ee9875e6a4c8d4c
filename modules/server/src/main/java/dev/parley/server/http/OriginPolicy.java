package dev.parley.server.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which web pages and host names besides the hub's own the operator lets in: {@code --allow-origin}
 * / {@code PARLEY_ALLOWED_ORIGINS} and {@code --allow-host} / {@code PARLEY_ALLOWED_HOSTS}.
 *
 * <pre>parley serve --allow-origin https://dash.example.com --allow-host parley.lan</pre>
 *
 * @param allowedOrigins origins ({@code scheme://host[:port]}) whose pages may call the hub, with CORS
 * @param allowedHosts   extra names the hub answers to in the {@code Host} header (lower case)
 */
public record OriginPolicy(List<String> allowedOrigins, List<String> allowedHosts) {
    /** Only the hub's own origin and names. */
    public static final OriginPolicy NONE = new OriginPolicy(List.of(), List.of());

    /** Validates and normalizes both lists; a malformed entry fails with a message naming it. */
    public OriginPolicy {
        List<String> origins = new ArrayList<>();
        for (String entry : allowedOrigins) {
            WebOrigin origin = WebOrigin.parse(entry);
            if (origin == null) {
                throw new IllegalArgumentException("not an origin (scheme://host[:port], no path): '" + entry + "'");
            }
            origins.add(origin.toString());
        }
        List<String> hosts = new ArrayList<>();
        for (String entry : allowedHosts) {
            Authority host = Authority.parse(entry);
            if (host == null || host.port() >= 0) {
                throw new IllegalArgumentException("not a host name or address (no port): '" + entry + "'");
            }
            hosts.add(host.host().toLowerCase(Locale.ROOT));
        }
        allowedOrigins = List.copyOf(origins);
        allowedHosts = List.copyOf(hosts);
    }

    /** A policy from comma-separated lists (the environment's form); null or blank means none. */
    public static OriginPolicy fromLists(String origins, String hosts) {
        return new OriginPolicy(split(origins), split(hosts));
    }

    /** This policy with more entries. */
    public OriginPolicy plus(Collection<String> origins, Collection<String> hosts) {
        List<String> o = new ArrayList<>(allowedOrigins);
        o.addAll(origins);
        List<String> h = new ArrayList<>(allowedHosts);
        h.addAll(hosts);
        return new OriginPolicy(o, h);
    }

    List<WebOrigin> origins() {
        return allowedOrigins.stream().map(WebOrigin::parse).toList();
    }

    private static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
