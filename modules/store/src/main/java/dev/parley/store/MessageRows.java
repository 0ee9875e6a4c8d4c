package dev.parley.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * How a stored message is selected and read back: the column list every message query shares
 * (aliases {@code m} for messages, {@code c} for channels) and the mapper to {@link StoredMessage}.
 */
final class MessageRows {
    /** The columns, in the order {@link #map} reads them. */
    static final String COLUMNS = "m.message_id, m.channel_id, c.name, m.seq, m.sender, m.body, m.message_type, "
            + "m.priority, m.reply_to, m.metadata, m.to_participant, m.created_at, m.edited_at, m.deleted_at, "
            + "m.client_msg_id, m.mentions";
    /** Selects messages with their channel's name; append a WHERE clause. */
    static final String SELECT = "SELECT " + COLUMNS + " FROM messages m JOIN channels c ON c.channel_id = m.channel_id ";

    private MessageRows() {}

    static StoredMessage map(ResultSet row) throws SQLException {
        return new StoredMessage(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                row.getString(10), row.getString(11), row.getString(12), row.getString(13), row.getString(14),
                row.getString(15), Mentions.split(row.getString(16)));
    }

    static Optional<StoredMessage> byId(Sql sql, String messageId) throws SQLException {
        return sql.one(SELECT + "WHERE m.message_id = ?", MessageRows::map, messageId);
    }

    static StoredMessage require(Sql sql, String messageId) throws SQLException {
        return byId(sql, messageId).orElseThrow(() -> new StoreException.MessageNotFound(messageId));
    }
}
