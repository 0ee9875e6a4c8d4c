package dev.parley.store;

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
                            String to, String createdAt, String editedAt, String deletedAt, String clientMsgId) {
    /** Whether the sender deleted it. */
    public boolean deleted() {
        return deletedAt != null;
    }

    /** Whether a participant is among its recipients (not its sender, and it is not targeted elsewhere). */
    public boolean isFor(String participant) {
        return !sender.equals(participant) && (to == null || to.equals(participant));
    }
}
