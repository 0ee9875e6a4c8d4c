package dev.parley.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Profiles ({@code profiles}, {@code profile_capabilities}): set whole, in one write task; read one, or find
 * participants by a capability or by text. The SQL lives here alone.
 */
public final class Profiles {
    private final WriteQueue writes;
    private final ReaderPool reads;

    Profiles(WriteQueue writes, ReaderPool reads) {
        this.writes = writes;
        this.reads = reads;
    }

    /** Replaces a registered participant's profile (capabilities as given: the caller normalises them). */
    public CompletableFuture<Profile> set(Profile profile) {
        return writes.submit(sql -> {
            if (sql.number("SELECT count(*) FROM participants WHERE name = ?", profile.participant()) == 0) {
                throw new StoreException.ParticipantNotFound(profile.participant());
            }
            String now = Timestamps.now();
            sql.update("INSERT INTO profiles(participant, description, model, owner, updated_at) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (participant) DO UPDATE SET description = excluded.description, "
                            + "model = excluded.model, owner = excluded.owner, updated_at = excluded.updated_at",
                    profile.participant(), profile.description(), profile.model(), profile.owner(), now);
            sql.update("DELETE FROM profile_capabilities WHERE participant = ?", profile.participant());
            for (String capability : profile.capabilities()) {
                sql.update("INSERT OR IGNORE INTO profile_capabilities(participant, capability) VALUES (?, ?)",
                        profile.participant(), capability);
            }
            return new Profile(profile.participant(), profile.description(), profile.capabilities(), profile.model(),
                    profile.owner(), now);
        }, WriteQueue.SMALL_TASK_BYTES + 2L * (profile.description().length() + 64L * profile.capabilities().size()),
                null);
    }

    /** A participant's profile ({@link Profile#empty} when it set none). */
    public Profile of(String participant) {
        return reads.read(sql -> {
            List<Profile> found = load(sql, "p.participant = ?", participant);
            return found.isEmpty() ? Profile.empty(participant) : found.get(0);
        });
    }

    /** The profiles of participants holding this capability (a lower-case tag), by name. */
    public List<Profile> withCapability(String capability) {
        return reads.read(sql -> load(sql, "p.participant IN (SELECT participant FROM profile_capabilities "
                + "WHERE capability = ?)", capability));
    }

    /**
     * The profiles whose participant name, description, model, owner or a capability contains {@code text}
     * (case-insensitive, ASCII), by name.
     */
    public List<Profile> matching(String text) {
        String like = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return reads.read(sql -> load(sql, "(lower(p.participant) LIKE ?1 ESCAPE '\\' OR lower(p.description) LIKE ?1 "
                + "ESCAPE '\\' OR lower(p.model) LIKE ?1 ESCAPE '\\' OR lower(p.owner) LIKE ?1 ESCAPE '\\' OR "
                + "p.participant IN (SELECT participant FROM profile_capabilities WHERE capability LIKE ?1 ESCAPE '\\'))",
                like));
    }

    /** Every profile set, by name. */
    public List<Profile> all() {
        return reads.read(sql -> load(sql, "1 = 1"));
    }

    private static List<Profile> load(Sql sql, String where, Object... params) throws SQLException {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (Profile p : sql.list("SELECT p.participant, p.description, p.model, p.owner, p.updated_at FROM profiles p "
                + "WHERE " + where + " ORDER BY p.participant LIMIT 1000", row -> new Profile(row.getString(1),
                row.getString(2), List.of(), row.getString(3), row.getString(4), row.getString(5)), params)) {
            profiles.put(p.participant(), p);
        }
        List<Profile> result = new ArrayList<>(profiles.size());
        for (Profile p : profiles.values()) {
            List<String> capabilities = sql.list("SELECT capability FROM profile_capabilities WHERE participant = ? "
                    + "ORDER BY capability", row -> row.getString(1), p.participant());
            result.add(new Profile(p.participant(), p.description(), capabilities, p.model(), p.owner(),
                    p.updatedAt()));
        }
        return result;
    }
}
