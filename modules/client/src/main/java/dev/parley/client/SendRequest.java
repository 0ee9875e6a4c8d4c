package dev.parley.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message to send, with the optional fields of the wire {@code send} frame. Immutable; the
 * {@code with...} methods return a copy.
 *
 * <pre>{@code
 * client.send(SendRequest.of("builds", "deploy done")
 *         .withPriority("urgent")
 *         .withMetadata(Map.of("build", 4711)));
 * }</pre>
 *
 * @param channel     channel name or id (required)
 * @param body        the text (required, not blank)
 * @param messageType {@code text} (when null), {@code system}, {@code code}, {@code file_ref}, {@code action}
 * @param priority    {@code normal} (when null), {@code urgent}, {@code low}
 * @param replyTo     the id of the message this answers, or null
 * @param metadata    a JSON object of structured data (values: strings, numbers, booleans, lists, maps), or null
 * @param to          a member of the channel who alone receives it, or null for every member
 */
public record SendRequest(String channel, String body, String messageType, String priority, String replyTo,
                          Map<String, ?> metadata, String to) {

    /** Checks the required fields. */
    public SendRequest {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(body, "body");
        if (channel.isBlank()) {
            throw new IllegalArgumentException("channel must not be blank");
        }
        if (body.isBlank()) {
            throw new IllegalArgumentException("body must not be blank");
        }
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<String, Object>(metadata));
    }

    /** A plain text message to a channel (name or id). */
    public static SendRequest of(String channel, String body) {
        return new SendRequest(channel, body, null, null, null, null, null);
    }

    /** This request with another message type. */
    public SendRequest withType(String type) {
        return new SendRequest(channel, body, type, priority, replyTo, metadata, to);
    }

    /** This request with another priority. */
    public SendRequest withPriority(String newPriority) {
        return new SendRequest(channel, body, messageType, newPriority, replyTo, metadata, to);
    }

    /** This request as a reply to a message id. */
    public SendRequest withReplyTo(String messageId) {
        return new SendRequest(channel, body, messageType, priority, messageId, metadata, to);
    }

    /** This request with a structured payload. */
    public SendRequest withMetadata(Map<String, ?> newMetadata) {
        return new SendRequest(channel, body, messageType, priority, replyTo, newMetadata, to);
    }

    /** This request targeted at one member of the channel, who alone receives it. */
    public SendRequest withTarget(String participant) {
        return new SendRequest(channel, body, messageType, priority, replyTo, metadata, participant);
    }
}
