package dev.parley.server.auth;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.store.Participants;
import dev.parley.store.Participants.KeyState;
import dev.parley.store.Participants.Registered;
import dev.parley.store.Registration;
import java.util.concurrent.CompletableFuture;

/**
 * Decides whether a peer may act as a participant, the same way for socket {@code auth} and
 * {@code register} frames and for REST (so REST cannot be used to impersonate anyone the socket
 * would refuse).
 *
 * <ul>
 *   <li>Token: peers not on this machine must present a valid hub token in {@code token} and
 *       {@code keys} modes.</li>
 *   <li>Keys: a name with a key needs that key, in every mode but {@code open}. A name gets its
 *       key only at its first registration — the one that creates it, which in {@code token} mode
 *       has passed the token check — with the key the client offers (at least
 *       {@value #MIN_KEY_LENGTH} characters) or, in {@code keys} mode, one the hub makes up and
 *       returns once. A name that exists without a key can never be claimed later by presenting
 *       one (that would lock its owner out); {@code parley keys reset NAME} on the hub's machine
 *       lets its next registration set a key. In {@code keys} mode such a name is refused until
 *       then.</li>
 *   <li>Throttling: failed proofs are counted per connection and per address
 *       ({@link ProofThrottle}); a throttled address gets {@code rate_limited} unchecked.</li>
 * </ul>
 *
 * <p>The claim and the registration are one store task ({@link Participants#register(Registration,
 * KeyState, String)}), made on the key state this class read: if that changed meanwhile, nothing
 * is written and the decision is made again, so a failed registration leaves no claim and two
 * first registrations cannot both get in. Keys are read from the database on every check (never
 * cached), so a reset by the CLI takes effect at once.
 */
public final class Authenticator {
    /** The fewest characters a client-chosen key may have. Hub-made keys are 43. */
    public static final int MIN_KEY_LENGTH = 16;
    private static final int ATTEMPTS = 3;

    private final AuthMode mode;
    private final HubToken token;
    private final Participants participants;
    private final ProofThrottle throttle;

    public Authenticator(AuthMode mode, HubToken token, Participants participants, ProofThrottle throttle) {
        this.mode = mode;
        this.token = token;
        this.participants = participants;
        this.throttle = throttle;
    }

    public AuthMode mode() {
        return mode;
    }

    /** The hub's tokens (to issue one in this process, e.g. in tests). */
    public HubToken hubToken() {
        return token;
    }

    /**
     * A peer's credentials as presented.
     *
     * @param loopback   the peer is on this machine
     * @param address    the peer's address, for throttling (null: unknown)
     * @param token      the hub token presented, or null
     * @param key        the participant key presented, or null
     * @param connection the socket's failed-proof tally, or null for REST
     */
    public record Credentials(boolean loopback, String address, String token, String key,
                              ProofThrottle.Connection connection) {
        /** Credentials without an address or connection (throttled as one unknown address). */
        public Credentials(boolean loopback, String token, String key) {
            this(loopback, null, token, key, null);
        }
    }

    /** What a registration did: whether the name was new, and a key the hub made now (return it once), or null. */
    public record Admission(boolean isNew, String issuedKey) {}

    /** Checks the hub token alone (REST reads, and the first step of every write). */
    public void checkToken(Credentials credentials) {
        if (mode == AuthMode.OPEN || credentials.loopback()) {
            return;
        }
        if (credentials.token() == null) {
            throw new ProtocolException(ErrorCode.AUTH_FAILED, "this hub needs its token from peers on other"
                    + " machines (auth 'token', header 'Authorization: Bearer <token>', or '?token=')");
        }
        throttle.check(credentials.address());
        if (!token.accepts(credentials.token())) {
            throw failed(credentials, "wrong hub token");
        }
    }

    /**
     * Checks that a peer may act as {@code name} without registering it (REST writes under a name):
     * the hub token when required, and the name's key when it has one. Changes nothing.
     */
    public void authorize(String name, Credentials credentials) {
        checkToken(credentials);
        if (mode == AuthMode.OPEN) {
            return;
        }
        KeyState state = participants.keyState(name);
        if (state.keyHash() != null) {
            proveKey(name, state.keyHash(), credentials);
        } else if (state.exists() && (mode == AuthMode.KEYS || credentials.key() != null)) {
            throw state.resetPending()
                    ? new ProtocolException(ErrorCode.AUTH_FAILED, "the key of '" + name + "' was reset: connect"
                            + " (auth or register) to set a new one first")
                    : unclaimable(name);
        }
    }

    /**
     * Checks that a peer may act as {@code name}, then registers (or refreshes) it, claiming the
     * name when this registration is its first (or the first after a key reset). Waits for the write: for REST,
     * whose request threads may; a socket uses {@link #registerAsync}.
     */
    public Admission register(Registration registration, Credentials credentials) {
        try {
            return registerAsync(registration, credentials).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * {@link #register} without waiting for the disk: the checks of the credentials (reads) run on the calling
     * thread and throw; the future completes once the registration is durable, on the store's completion thread. A
     * registration that raced with another change of the name's key is tried again (then from that thread).
     */
    public CompletableFuture<Admission> registerAsync(Registration registration, Credentials credentials) {
        checkToken(credentials);
        if (mode == AuthMode.OPEN) {
            return participants.register(registration).thenApply(isNew -> new Admission(isNew, null));
        }
        return attempt(registration, credentials, 1);
    }

    private CompletableFuture<Admission> attempt(Registration registration, Credentials credentials, int attempt) {
        String name = registration.name();
        KeyState seen = participants.keyState(name);
        String issued = null;
        String claimHash = null;
        if (seen.keyHash() != null) {
            proveKey(name, seen.keyHash(), credentials);
        } else if (!seen.exists() || seen.resetPending()) {
            if (credentials.key() != null) {
                requireStrong(credentials.key());
                claimHash = Secrets.hash(credentials.key());
            } else if (mode == AuthMode.KEYS) {
                issued = Secrets.newSecret();
                claimHash = Secrets.hash(issued);
            }
        } else if (credentials.key() != null || mode == AuthMode.KEYS) {
            throw unclaimable(name);
        }
        String issuedKey = issued;
        return participants.register(registration, seen, claimHash).thenCompose(result -> {
            if (!result.stale()) {
                return CompletableFuture.completedFuture(new Admission(result.isNew(), result.claimed() ? issuedKey : null));
            }
            if (attempt == ATTEMPTS) {
                throw new ProtocolException(ErrorCode.OVERLOADED, "'" + name + "' kept changing while it was being"
                        + " registered; try again");
            }
            return attempt(registration, credentials, attempt + 1);
        });
    }

    private void proveKey(String name, String keyHash, Credentials credentials) {
        if (credentials.key() == null) {
            throw new ProtocolException(ErrorCode.AUTH_FAILED, "the name '" + name + "' is claimed: present its key");
        }
        throttle.check(credentials.address());
        if (!Secrets.matches(credentials.key(), keyHash)) {
            throw failed(credentials, "wrong key for '" + name + "'");
        }
    }

    private ProtocolException failed(Credentials credentials, String detail) {
        throttle.failed(credentials.address(), credentials.connection());
        return new ProtocolException(ErrorCode.AUTH_FAILED, detail);
    }

    private static void requireStrong(String key) {
        if (key.length() < MIN_KEY_LENGTH) {
            throw new ProtocolException(ErrorCode.WEAK_KEY, "a key must have at least " + MIN_KEY_LENGTH
                    + " characters (this one has " + key.length() + "); or send none and, in keys mode, the hub"
                    + " makes one up");
        }
    }

    private ProtocolException unclaimable(String name) {
        return new ProtocolException(ErrorCode.AUTH_FAILED, "the name '" + name + "' was registered without a key,"
                + " and a key can only be set by a name's first registration (else anyone could lock its owner"
                + " out); " + (mode == AuthMode.KEYS ? "this hub needs a key for every name, so " : "connect without"
                + " a key, or ") + "on the hub's machine run `parley keys reset " + name + "` (the next connection"
                + " sets the key) or `parley keys reset " + name + " --new` (prints a new key)");
    }
}
