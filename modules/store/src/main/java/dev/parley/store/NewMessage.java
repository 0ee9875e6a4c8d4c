package dev.parley.store;

import java.util.Objects;

/**
 * A message to append. Types and priorities are normalised ({@link Vocabulary}); the body must be
 * present (blank-checking is the edge's job, which answers {@code empty_body}).
 *
 * @param channelId the channel's id (resolve names with {@link Channels#require} first)
 * @param metadata a JSON object as text, or null
 * @param to a member to deliver it to alone, or null
 * @param clientMsgId the sender's idempotency key, or null
 */
public record NewMessage(String channelId, String sender, String body, String messageType, String priority,
                         String replyTo, String metadata, String to, String clientMsgId) {
    public NewMessage {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(body, "body");
        messageType = Vocabulary.messageType(messageType);
        priority = Vocabulary.priority(priority);
    }

    /** A plain text message with normal priority. */
    public static NewMessage text(String channelId, String sender, String body) {
        return new NewMessage(channelId, sender, body, null, null, null, null, null, null);
    }

    /** This message, as a reply to another one. */
    public NewMessage replyingTo(String messageId) {
        return new NewMessage(channelId, sender, body, messageType, priority, messageId, metadata, to, clientMsgId);
    }

    /** This message, delivered to one member only. */
    public NewMessage to(String participant) {
        return new NewMessage(channelId, sender, body, messageType, priority, replyTo, metadata, participant,
                clientMsgId);
    }

    /** This message, with the sender's idempotency key. */
    public NewMessage withClientMsgId(String key) {
        return new NewMessage(channelId, sender, body, messageType, priority, replyTo, metadata, to, key);
    }

    /** This message, with a JSON object as metadata. */
    public NewMessage withMetadata(String json) {
        return new NewMessage(channelId, sender, body, messageType, priority, replyTo, json, to, clientMsgId);
    }
}
