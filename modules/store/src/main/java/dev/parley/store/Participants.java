package dev.parley.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Who is registered, when they were last seen, and the hash of their key. Reads block; writes are queued. */
public interface Participants {
    /**
     * Registers a participant or refreshes a known one (last seen now, plus any non-null field).
     * A new participant joins {@code general}, with nothing pending from before. A display name
     * that copies another participant's name or display name ({@link Vocabulary#nameKey}) fails the
     * future with {@link StoreException.NameTaken}, and nothing is written.
     *
     * @return whether the name was new
     */
    CompletableFuture<Boolean> register(Registration registration);

    /**
     * What the auth code decides a registration on: whether the name exists, its key hash (null
     * when unclaimed), and whether {@code parley keys reset} left it waiting for a new key.
     */
    record KeyState(boolean exists, String keyHash, boolean resetPending) {
        /** A name nobody registered. */
        public static final KeyState UNKNOWN = new KeyState(false, null, false);
    }

    /**
     * The result of {@link #register(Registration, KeyState, String)}.
     *
     * @param isNew   the registration created the participant
     * @param claimed the offered key hash was stored
     * @param stale   nothing was written: the key state was no longer the one the caller decided on
     */
    record Registered(boolean isNew, boolean claimed, boolean stale) {}

    /**
     * Registers as {@link #register(Registration)} does, in one transaction with the key decision
     * the caller made on {@code seen}: nothing is written when the participant's key state has
     * changed since (another registration claimed the name, a reset ran). {@code claimKeyHash},
     * when not null, becomes the key of a participant that is new or waiting after a reset; so a
     * name is claimed together with the registration that creates it, or not at all.
     */
    CompletableFuture<Registered> register(Registration registration, KeyState seen, String claimKeyHash);

    /** The participant's key state. */
    KeyState keyState(String name);

    /** Records that a participant was seen now (a ping, a connection), from this address if not null. */
    CompletableFuture<Void> touch(String name, String hostIp);

    /** One participant. */
    Optional<Participant> find(String name);

    /** Every participant, by name. */
    List<Participant> list();

    /** At most {@code limit} participants whose names sort after {@code after} (null: from the first), by name. */
    List<Participant> page(String after, int limit);

    /** Everyone who shares at least one channel with this participant (not the participant itself). */
    Set<String> peers(String name);

    /** Replaces (or with null, removes) a participant's key hash. */
    CompletableFuture<Void> setKeyHash(String name, String keyHash);

    /** The participant's key hash, empty when unknown or unclaimed. */
    Optional<String> keyHash(String name);
}
