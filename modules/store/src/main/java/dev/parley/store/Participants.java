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

    /**
     * Stores a key hash for a participant that has none yet: the first registration claims the name.
     *
     * @return true if this call stored it, false if the participant already had a key
     * @throws StoreException.ParticipantNotFound (in the future) for an unknown name
     */
    CompletableFuture<Boolean> claimKey(String name, String keyHash);

    /** Replaces (or with null, removes) a participant's key hash. */
    CompletableFuture<Void> setKeyHash(String name, String keyHash);

    /** The participant's key hash, empty when unknown or unclaimed. */
    Optional<String> keyHash(String name);
}
