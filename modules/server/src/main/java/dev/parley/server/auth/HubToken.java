package dev.parley.server.auth;

import dev.parley.store.HubTokens;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's shared secrets: the database keeps only their salted hashes ({@code hub_tokens}), so a
 * copy of the file does not give the token away. The first start makes one and shows it once;
 * {@code parley invite} on the hub's machine issues more (each valid until revoked, {@code --rotate}
 * revokes the earlier ones). The join code is what a new peer needs to connect: hub URL and token
 * in one string ({@code parley://host:port#token}).
 *
 * <p>Tokens issued or revoked by another process (the CLI) take effect here within a second: the
 * valid hashes are cached for at most {@link #CACHE_NANOS}, and a token that matches none of them
 * is checked again against the table. Thread-safe: the cache is one immutable list, replaced whole.
 */
public final class HubToken {
    private static final Logger log = LoggerFactory.getLogger(HubToken.class);
    static final long CACHE_NANOS = 1_000_000_000L;

    private final HubTokens store;
    private final String createdNow;
    private volatile Cache cache;

    private record Cache(List<String> hashes, long loadedAt) {}

    private HubToken(HubTokens store, String createdNow) {
        this.store = store;
        this.createdNow = createdNow;
        reload();
    }

    /**
     * Loads the valid tokens' hashes: hashes a plain-text token an older hub stored (it keeps
     * working), and makes a token when none is valid (waiting until it is durable).
     */
    public static HubToken open(HubTokens store) {
        Optional<String> plain = store.plainTextLeftover();
        if (plain.isPresent()) {
            store.replacePlainText(Secrets.hash(plain.get())).join();
            log.info("the hub token is now stored as a salted hash (it was plain text); it still works");
        }
        String created = null;
        if (store.valid().isEmpty()) {
            created = Secrets.newSecret();
            store.add(Secrets.hash(created), "made at the hub's first start", false).join();
        }
        return new HubToken(store, created);
    }

    /** The token this start made, to be shown once; empty when the database already had one. */
    public Optional<String> createdNow() {
        return Optional.ofNullable(createdNow);
    }

    /** Issues a new token (stored as its hash) and returns it; with {@code revokeOthers}, the only valid one. */
    public String issue(String label, boolean revokeOthers) {
        String token = Secrets.newSecret();
        store.add(Secrets.hash(token), label, revokeOthers).join();
        reload();
        return token;
    }

    /** True when a presented token is one of the valid ones. */
    public boolean accepts(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        Cache current = cache;
        boolean fresh = System.nanoTime() - current.loadedAt() < CACHE_NANOS;
        if (!fresh) {
            current = reload(); // a revoked token stops working within the cache's age
        }
        if (matchesAny(presented, current)) {
            return true;
        }
        return fresh && matchesAny(presented, reload()); // perhaps issued since we loaded
    }

    /** The join code for a hub reachable at host:port with this token. */
    public static String joinCode(String host, int port, String token) {
        return "parley://" + host + ":" + port + "#" + token;
    }

    private static boolean matchesAny(String presented, Cache cache) {
        boolean any = false;
        for (String hash : cache.hashes()) {
            any |= Secrets.matches(presented, hash); // no early exit: the time does not tell which one matched
        }
        return any;
    }

    private Cache reload() {
        Cache loaded = new Cache(store.valid().stream().map(HubTokens.Stored::hash).toList(), System.nanoTime());
        cache = loaded;
        return loaded;
    }
}
