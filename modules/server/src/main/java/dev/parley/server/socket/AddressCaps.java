package dev.parley.server.socket;

import dev.parley.server.Limits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many sockets each remote address holds, in all and not yet authenticated, against the caps
 * in {@link Limits}. Peers on this machine share a separate, higher cap (a benchmark, the tests and
 * a reverse proxy all connect from loopback).
 *
 * <p>Concurrency: one entry per address in a concurrent map, changed only inside {@code compute},
 * so the check and the count are one step; an address with no sockets left has no entry.
 */
final class AddressCaps {
    /** What one address holds; immutable, replaced on each change. */
    private record Count(int total, int unauthenticated) {}

    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private final int unauthenticatedCap;
    private final int totalCap;
    private final int loopbackCap;

    AddressCaps(Limits limits) {
        this.unauthenticatedCap = limits.unauthenticatedPerAddress();
        this.totalCap = limits.connectionsPerAddress();
        this.loopbackCap = limits.loopbackConnections();
    }

    /**
     * Counts a new, unauthenticated socket from this address.
     *
     * @return false (and counts nothing) when the address already holds as many as its caps allow
     */
    boolean open(String address, boolean loopback) {
        int total = loopback ? loopbackCap : totalCap;
        int unauthenticated = loopback ? loopbackCap : unauthenticatedCap;
        boolean[] admitted = {false};
        counts.compute(address, (key, count) -> {
            Count now = count == null ? new Count(0, 0) : count;
            if (now.total() >= total || now.unauthenticated() >= unauthenticated) {
                return count;
            }
            admitted[0] = true;
            return new Count(now.total() + 1, now.unauthenticated() + 1);
        });
        return admitted[0];
    }

    /** One of the address's sockets authenticated: it no longer counts against the unauthenticated cap. */
    void authenticated(String address) {
        counts.computeIfPresent(address, (key, count) -> new Count(count.total(), count.unauthenticated() - 1));
    }

    /** One of the address's sockets closed. */
    void closed(String address, boolean wasAuthenticated) {
        counts.computeIfPresent(address, (key, count) -> count.total() <= 1 ? null
                : new Count(count.total() - 1, count.unauthenticated() - (wasAuthenticated ? 0 : 1)));
    }

    /** Addresses holding at least one socket (a gauge: it stays bounded by the open sockets). */
    int addresses() {
        return counts.size();
    }
}
