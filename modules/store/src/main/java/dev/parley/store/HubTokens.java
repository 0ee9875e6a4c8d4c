package dev.parley.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The hub tokens' salted hashes ({@code hub_tokens}): several may be valid at once, each until it is
 * revoked. The hashes are made and checked by the auth code; this class only stores them. The SQL
 * lives here alone: the hub reaches it through {@link HubStore#hubTokens()}, the CLI on the hub's
 * machine through {@link AdminConnection}.
 */
public final class HubTokens {
    /** The setting where hubs before {@code 0003_hub_tokens} kept the token in plain text. */
    public static final String PLAIN_TEXT_SETTING = "hub_token";

    /** One valid token's hash. */
    public record Stored(long id, String hash, String label, String createdAt) {}

    private final WriteQueue writes;
    private final ReaderPool reads;

    HubTokens(WriteQueue writes, ReaderPool reads) {
        this.writes = writes;
        this.reads = reads;
    }

    /** Every token not revoked, oldest first. */
    public List<Stored> valid() {
        return reads.read(HubTokens::valid);
    }

    /** Stores a new token's hash; with {@code revokeOthers}, every earlier token stops being valid. */
    public CompletableFuture<Long> add(String hash, String label, boolean revokeOthers) {
        return writes.submit(sql -> add(sql, hash, label, revokeOthers));
    }

    /** A plain-text token an older hub left in {@code hub_settings}, if one is still there. */
    public Optional<String> plainTextLeftover() {
        return reads.read(sql -> sql.one("SELECT value FROM hub_settings WHERE key = ?", row -> row.getString(1),
                PLAIN_TEXT_SETTING));
    }

    /** Replaces the plain-text leftover by its hash, in one transaction. */
    public CompletableFuture<Long> replacePlainText(String hash) {
        return writes.submit(sql -> {
            sql.update("DELETE FROM hub_settings WHERE key = ?", PLAIN_TEXT_SETTING);
            return add(sql, hash, "migrated from the plain-text hub_token setting", false);
        });
    }

    static List<Stored> valid(Sql sql) throws SQLException {
        return sql.list("SELECT id, hash, label, created_at FROM hub_tokens WHERE revoked_at IS NULL ORDER BY id",
                row -> new Stored(row.getLong(1), row.getString(2), row.getString(3), row.getString(4)));
    }

    static long add(Sql sql, String hash, String label, boolean revokeOthers) throws SQLException {
        String now = Instant.now().toString();
        if (revokeOthers) {
            sql.update("UPDATE hub_tokens SET revoked_at = ? WHERE revoked_at IS NULL", now);
        }
        sql.update("INSERT INTO hub_tokens(hash, label, created_at) VALUES (?, ?, ?)", hash, label, now);
        return sql.number("SELECT last_insert_rowid()");
    }
}
