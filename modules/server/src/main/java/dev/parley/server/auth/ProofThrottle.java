package dev.parley.server.auth;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down guessing of keys and hub tokens, on every face alike (the {@link Authenticator} calls
 * it). Only failed proofs count — a wrong key, a wrong hub token — not missing ones, which guess
 * nothing.
 *
 * <ul>
 *   <li>Per connection: after {@code perConnection} failures on one socket, the socket is closed
 *       with 1008 (the socket face does that when {@link Connection#exhausted} says so).</li>
 *   <li>Per remote address (IPv6: per /64): a bucket of {@code burst} failures, refilled at one per
 *       {@code refill}. While it is empty, every proof from the address is refused with
 *       {@code rate_limited} (HTTP 429) without being checked — the right key too, so a guesser
 *       learns nothing. Loopback is an address like any other: a local process guessing keys
 *       shares one bucket with every other local peer.</li>
 * </ul>
 *
 * <p>Thread-safe: each address's bucket is updated under its own lock; a connection's tally is
 * atomic. Buckets that have refilled completely are dropped when the map grows large.
 */
public final class ProofThrottle {
    private static final int PRUNE_ABOVE = 10_000;

    /**
     * @param perConnection failed proofs after which a socket is closed
     * @param burst         failed proofs an address may make at once
     * @param refill        how long an address waits for each further try once its burst is used
     */
    public record Policy(int perConnection, int burst, Duration refill) {
        /** 5 failures per socket; per address 10, then one a second. */
        public static final Policy DEFAULTS = new Policy(5, 10, Duration.ofSeconds(1));

        public Policy {
            if (perConnection < 1 || burst < 1 || refill.isNegative() || refill.isZero()) {
                throw new IllegalArgumentException("a proof throttle needs positive limits: " + perConnection + ", "
                        + burst + ", " + refill);
            }
        }
    }

    /** The failed proofs of one socket. */
    public static final class Connection {
        private final AtomicInteger failures = new AtomicInteger();
        private volatile boolean exhausted;

        /** True once this connection used up its failed proofs: close it. */
        public boolean exhausted() {
            return exhausted;
        }
    }

    private final Policy policy;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ProofThrottle(Policy policy) {
        this.policy = policy;
    }

    /** Refuses with {@code rate_limited} when the address has no failed proofs left for now. */
    void check(String address) {
        Bucket bucket = buckets.get(key(address));
        if (bucket != null && !bucket.hasRoom(System.nanoTime())) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many failed keys or hub tokens from "
                    + (address == null ? "this address" : address) + "; wait " + policy.refill().toMillis()
                    + " ms and try again");
        }
    }

    /** Counts a failed proof against the address and, for a socket, its connection. */
    void failed(String address, Connection connection) {
        if (buckets.size() > PRUNE_ABOVE) {
            long now = System.nanoTime();
            buckets.values().removeIf(b -> b.isFull(now));
        }
        buckets.computeIfAbsent(key(address), a -> new Bucket()).take(System.nanoTime());
        if (connection != null && connection.failures.incrementAndGet() >= policy.perConnection()) {
            connection.exhausted = true;
        }
    }

    /** IPv4 addresses as they are; IPv6 by their /64, since one host usually holds a whole /64. */
    private static String key(String address) {
        if (address == null || !address.contains(":")) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
            return bytes.length == 16 ? Arrays.toString(Arrays.copyOf(bytes, 8)) + "/64" : address;
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private final class Bucket {
        private double tokens = policy.burst();
        private long lastNanos = System.nanoTime();

        synchronized boolean hasRoom(long now) {
            refill(now);
            return tokens >= 1;
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= policy.burst();
        }

        synchronized void take(long now) {
            refill(now);
            tokens = Math.max(0, tokens - 1);
        }

        private void refill(long now) {
            tokens = Math.min(policy.burst(), tokens + (double) (now - lastNanos) / policy.refill().toNanos());
            lastNanos = now;
        }
    }
}
