package dev.parley.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@link Participants} on SQLite. Stateless apart from its collaborators: thread-safe. */
final class SqliteParticipants implements Participants {
    private static final String SELECT = "SELECT name, display_name, participant_type, hardware_id, created_at, "
            + "last_seen_at, host_ip FROM participants ";

    private final WriteQueue writes;
    private final ReaderPool reads;
    private final MonotonicClock clock;

    SqliteParticipants(WriteQueue writes, ReaderPool reads, MonotonicClock clock) {
        this.writes = writes;
        this.reads = reads;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Boolean> register(Registration r) {
        return writes.submit(sql -> registerRow(sql, r));
    }

    /**
     * Inserts or refreshes a participant row. A display name that copies another participant's name
     * or display name (compared by {@link Vocabulary#nameKey}) is refused here, inside the write, so
     * two racing registrations cannot both take it.
     */
    private boolean registerRow(Sql sql, Registration r) throws SQLException {
        String displayKey = r.displayName() == null ? null : Vocabulary.nameKey(r.displayName());
        if (displayKey != null) {
            Optional<String> holder = sql.one("SELECT name FROM participants WHERE name <> ?1 "
                    + "AND (display_key = ?2 OR lower(name) = ?2) LIMIT 1", row -> row.getString(1), r.name(), displayKey);
            if (holder.isPresent()) {
                throw new StoreException.NameTaken(r.displayName(), holder.get());
            }
        }
        String now = clock.next();
        String displayName = r.displayName() == null ? r.name() : r.displayName();
        boolean isNew = sql.update("INSERT OR IGNORE INTO participants(name, display_name, display_key, "
                        + "participant_type, hardware_id, created_at, last_seen_at, host_ip) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                r.name(), displayName, Vocabulary.nameKey(displayName),
                r.participantType() == null ? Vocabulary.participantType(null) : r.participantType(),
                r.hardwareId(), now, now, r.hostIp()) > 0;
        if (isNew) {
            sql.emit(new StoreEvent.ParticipantRegistered(r.name()));
            Membership.join(sql, Vocabulary.GENERAL_ID, r.name(), now);
        } else {
            sql.update("UPDATE participants SET display_name = coalesce(?, display_name), "
                            + "display_key = coalesce(?, display_key), "
                            + "participant_type = coalesce(?, participant_type), hardware_id = coalesce(?, hardware_id), "
                            + "host_ip = coalesce(?, host_ip), last_seen_at = ? WHERE name = ?",
                    r.displayName(), displayKey, r.participantType(), r.hardwareId(), r.hostIp(), now, r.name());
        }
        return isNew;
    }

    @Override
    public CompletableFuture<Registered> register(Registration r, KeyState seen, String claimKeyHash) {
        return writes.submit(sql -> {
            if (!keyState(sql, r.name()).equals(seen)) {
                return new Registered(false, false, true);
            }
            boolean isNew = registerRow(sql, r);
            boolean claim = claimKeyHash != null && (isNew || seen.resetPending());
            if (claim) {
                sql.update("UPDATE participants SET key_hash = ?, key_reset = 0 WHERE name = ?", claimKeyHash, r.name());
            }
            return new Registered(isNew, claim, false);
        });
    }

    @Override
    public KeyState keyState(String name) {
        return reads.read(sql -> keyState(sql, name));
    }

    private static KeyState keyState(Sql sql, String name) throws SQLException {
        return sql.one("SELECT key_hash, key_reset FROM participants WHERE name = ?",
                row -> new KeyState(true, row.getString(1), row.getInt(2) != 0), name).orElse(KeyState.UNKNOWN);
    }

    /**
     * Sets a participant's key hash from the hub's machine ({@code parley keys reset}); with a null
     * hash, removes the key and lets the next registration under the name set one.
     *
     * @return false when no participant has this name
     */
    static boolean resetKey(Sql sql, String name, String keyHash) throws SQLException {
        return sql.update("UPDATE participants SET key_hash = ?, key_reset = ? WHERE name = ?",
                keyHash, keyHash == null, name) > 0;
    }

    @Override
    public CompletableFuture<Void> touch(String name, String hostIp) {
        return writes.submit(sql -> {
            sql.update("UPDATE participants SET last_seen_at = ?, host_ip = coalesce(?, host_ip) WHERE name = ?",
                    clock.next(), hostIp, name);
            return null;
        });
    }

    @Override
    public Optional<Participant> find(String name) {
        return reads.read(sql -> sql.one(SELECT + "WHERE name = ?", SqliteParticipants::map, name));
    }

    @Override
    public List<Participant> list() {
        return reads.read(sql -> sql.list(SELECT + "ORDER BY name", SqliteParticipants::map));
    }

    @Override
    public List<Participant> page(String after, int limit) {
        return reads.read(sql -> sql.list(SELECT + "WHERE name > ? ORDER BY name LIMIT ?", SqliteParticipants::map,
                after == null ? "" : after, limit));
    }

    @Override
    public Set<String> peers(String name) {
        return reads.read(sql -> new LinkedHashSet<>(sql.list("SELECT DISTINCT other.participant FROM members mine "
                        + "JOIN members other ON other.channel_id = mine.channel_id "
                        + "WHERE mine.participant = ?1 AND other.participant <> ?1 ORDER BY other.participant",
                row -> row.getString(1), name)));
    }

    @Override
    public CompletableFuture<Void> setKeyHash(String name, String keyHash) {
        return writes.submit(sql -> {
            Membership.requireParticipant(sql, name);
            sql.update("UPDATE participants SET key_hash = ?, key_reset = 0 WHERE name = ?", keyHash, name);
            return null;
        });
    }

    @Override
    public Optional<String> keyHash(String name) {
        return reads.read(sql -> sql.one("SELECT key_hash FROM participants WHERE name = ?", row -> row.getString(1),
                name));
    }

    private static Participant map(ResultSet row) throws SQLException {
        return new Participant(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7));
    }
}
