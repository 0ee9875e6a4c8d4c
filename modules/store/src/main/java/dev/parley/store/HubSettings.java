package dev.parley.store;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Hub-wide settings that survive restarts (the hub token's hash, the join code, ...). */
public final class HubSettings {
    /** Sets (or replaces) one setting: the one statement that writes hub_settings rows. */
    static final String UPSERT = "INSERT INTO hub_settings(key, value) VALUES (?, ?) "
            + "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

    private final WriteQueue writes;
    private final ReaderPool reads;

    HubSettings(WriteQueue writes, ReaderPool reads) {
        this.writes = writes;
        this.reads = reads;
    }

    /** A setting's value, empty when unset. */
    public Optional<String> get(String key) {
        return reads.read(sql -> sql.one("SELECT value FROM hub_settings WHERE key = ?", row -> row.getString(1), key));
    }

    /** Sets (or replaces) a setting. */
    public CompletableFuture<Void> put(String key, String value) {
        return writes.submit(sql -> {
            sql.update(UPSERT, key, value);
            return null;
        });
    }
}
