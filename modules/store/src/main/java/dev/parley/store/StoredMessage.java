package dev.parley.store;

import java.util.List;

/**
 * A message as stored. The wire shapes pick from these fields.
 *
 * @param seq its place in its channel: 1, 2, 3, ... without gaps
 * @param metadata a JSON object as text, or null
 * @param to the one participant it is delivered to, or null for every member
 * @param deletedAt set once the sender deleted it; its body is then empty
 * @param clientMsgId the sender's idempotency key, or null
 */
public record StoredMessage(String messageId, String channelId, String channelName, long seq, String sender,
                            String body, String messageType, String priority, String replyTo, String metadata,
                            String to, String createdAt, String editedAt, String deletedAt, String clientMsgId,
                            List<String> mentions) {
    /** The participants a message mentions ({@code @name}), in the order they first appear; never null. */
    public StoredMessage {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** A message that mentions nobody. */
    public StoredMessage(String messageId, String channelId, String channelName, long seq, String sender, String body,
                         String messageType, String priority, String replyTo, String metadata, String to,
                         String createdAt, String editedAt, String deletedAt, String clientMsgId) {
        this(messageId, channelId, channelName, seq, sender, body, messageType, priority, replyTo, metadata, to,
                createdAt, editedAt, deletedAt, clientMsgId, List.of());
    }

    /** Whether the sender deleted it. */
    public boolean deleted() {
        return deletedAt != null;
    }

    /** Whether a participant is among its recipients (not its sender, and it is not targeted elsewhere). */
    public boolean isFor(String participant) {
        return !sender.equals(participant) && (to == null || to.equals(participant));
    }
}
