package dev.parley.server.auth;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.store.Participants;
import java.util.Optional;

/**
 * Decides whether a peer may act as a participant, the same way for socket {@code auth} frames and
 * for REST writes (so REST cannot be used to impersonate anyone the socket would refuse).
 *
 * <ul>
 *   <li>Token: peers not on this machine must present the hub token in {@code token} and
 *       {@code keys} modes.</li>
 *   <li>Keys: a name claimed with a key needs that key, in every mode but {@code open}. In
 *       {@code keys} mode every name must be claimed: the first authentication of a new name
 *       claims it with the key the client offers, or with one the hub makes up and returns once.</li>
 * </ul>
 */
public final class Authenticator {
    private final AuthMode mode;
    private final HubToken token;
    private final Participants participants;

    public Authenticator(AuthMode mode, HubToken token, Participants participants) {
        this.mode = mode;
        this.token = token;
        this.participants = participants;
    }

    public AuthMode mode() {
        return mode;
    }

    /** A peer's credentials as presented. */
    public record Credentials(boolean loopback, String token, String key) {}

    /** Checks the hub token alone (REST reads, and the first step of every write). */
    public void checkToken(Credentials credentials) {
        if (mode == AuthMode.OPEN || credentials.loopback()) {
            return;
        }
        if (!token.accepts(credentials.token())) {
            throw new ProtocolException(ErrorCode.AUTH_FAILED, credentials.token() == null
                    ? "this hub needs its token from peers on other machines (auth 'token', header"
                            + " 'Authorization: Bearer <token>', or '?token=')"
                    : "wrong hub token");
        }
    }

    /**
     * Checks that a peer may act as {@code name}: the hub token when required, and the name's key
     * when the name is claimed. Call before registering, so an impostor changes nothing.
     */
    public void authorize(String name, Credentials credentials) {
        checkToken(credentials);
        if (mode == AuthMode.OPEN) {
            return;
        }
        Optional<String> keyHash = participants.keyHash(name);
        if (keyHash.isPresent() && !Secrets.matches(credentials.key(), keyHash.get())) {
            throw new ProtocolException(ErrorCode.AUTH_FAILED, credentials.key() == null
                    ? "the name '" + name + "' is claimed: present its key"
                    : "wrong key for '" + name + "'");
        }
    }

    /**
     * After an authorized registration: claims an unclaimed name when the client offered a key, or
     * in {@code keys} mode always (with a key the hub makes up).
     *
     * @return a key the hub issued now, to be returned to the client once; null otherwise
     */
    public String claimIfDue(String name, Credentials credentials) {
        if (mode == AuthMode.OPEN || participants.keyHash(name).isPresent()) {
            return null;
        }
        if (mode != AuthMode.KEYS && credentials.key() == null) {
            return null;
        }
        String key = credentials.key() != null ? credentials.key() : Secrets.newSecret();
        if (!participants.claimKey(name, Secrets.hash(key)).join()) {
            // Claimed by someone else between our read and our write: their key decides.
            authorize(name, credentials);
            return null;
        }
        return credentials.key() != null ? null : key;
    }
}
