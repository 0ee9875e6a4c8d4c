package dev.parley.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** Opens real stores on temp files and unwraps futures, for the store's tests. */
final class TestStore {
    private TestStore() {}

    static HubStore open(Path dir) {
        try {
            // The loop guard off: these tests append as unnamed participants (agents by default), as load.
            HubStore.Options defaults = HubStore.Options.DEFAULTS;
            return HubStore.open(dir.resolve("hub.db"), new HubStore.Options(defaults.readers(),
                    defaults.queueCapacity(), defaults.maxBatch(), defaults.queueBytes(), 0));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The future's value (waiting at most 10 s), or its failure unwrapped. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.orTimeout(10, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Registers participants. */
    static void register(HubStore store, String... names) {
        for (String name : names) {
            await(store.participants().register(Registration.of(name)));
        }
    }

    /** Appends a text message to a channel id and returns it. */
    static StoredMessage send(HubStore store, String channelId, String sender, String body) {
        return await(store.messages().append(NewMessage.text(channelId, sender, body))).message();
    }

    /** The first column of the first row of a query, read through the store's readers. */
    static long count(HubStore store, String sql, Object... params) {
        return store.read(s -> s.number(sql, params));
    }
}
