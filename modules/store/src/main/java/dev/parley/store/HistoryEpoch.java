package dev.parley.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The database's history epoch: a random id naming one line of history. A resuming client names the epoch its seq
 * positions belong to; when that is not the hub's, the positions mean nothing here and the hub says {@code reset}.
 *
 * <p>A new database gets an epoch when a hub first opens it (so a replaced database has another); every backup
 * copy gets a new one the moment it is written ({@link #renew}), because restoring it — with a command or by
 * copying the file back — takes history back to the copy, and a channel's seqs after that point are reused for
 * other messages. A template export carries none (its runtime tables are empty).
 */
public final class HistoryEpoch {
    static final String KEY = "history_epoch";
    private static final SecureRandom RANDOM = new SecureRandom();

    private HistoryEpoch() {}

    /** A new epoch: 16 hex digits. */
    public static String fresh() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Gives the database on this connection (a backup just written) a new epoch, and returns it. */
    public static String renew(Connection database) throws SQLException {
        String epoch = fresh();
        try (PreparedStatement put = database.prepareStatement(HubSettings.UPSERT)) {
            put.setString(1, KEY);
            put.setString(2, epoch);
            put.executeUpdate();
        }
        return epoch;
    }
}
