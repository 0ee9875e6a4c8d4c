package dev.parley.client;

import dev.parley.protocol.Json;
import dev.parley.protocol.wire.WireMessage;
import dev.parley.protocol.wire.WireTime;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored message, as the hub delivers it or as {@link ParleyClient#send(SendRequest)} returns it.
 *
 * @param messageId   {@code ty-} and 12 hex characters
 * @param channelId   the channel's id ({@code ch-general}, {@code ch-...})
 * @param channelName the channel's name ({@code general}, {@code dm:alice:bob}, ...); in a message
 *                    {@code send} returned, null if the send named the channel by an id the client
 *                    has not seen yet
 * @param sender      who sent it
 * @param body        its text
 * @param messageType {@code text}, {@code system}, {@code code}, {@code file_ref} or {@code action}
 * @param priority    {@code urgent}, {@code normal} or {@code low}
 * @param replyTo     the message it answers, or null
 * @param metadata    structured payload (never null; empty when none)
 * @param createdAt   when the hub stored it
 * @param seq         its position in the channel (1, 2, ...); 0 from a hub without sequence numbers
 * @param to          the one participant it targets inside the channel, or null for everyone
 * @param editedAt    when it was last edited, or null
 * @param deleted     true when its sender deleted it
 */
public record Message(String messageId, String channelId, String channelName, String sender, String body,
                      String messageType, String priority, String replyTo, Map<String, Object> metadata,
                      Instant createdAt, long seq, String to, Instant editedAt, boolean deleted,
                      List<String> mentions) implements ParleyEvent {

    /** A message with an unmodifiable metadata map (empty when null) and mentions (none when null). */
    public Message {
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** A message that mentions nobody. */
    public Message(String messageId, String channelId, String channelName, String sender, String body,
                   String messageType, String priority, String replyTo, Map<String, Object> metadata,
                   Instant createdAt, long seq, String to, Instant editedAt, boolean deleted) {
        this(messageId, channelId, channelName, sender, body, messageType, priority, replyTo, metadata, createdAt, seq,
                to, editedAt, deleted, List.of());
    }

    /** Whether the message mentions {@code participant} ({@code @name} in its body, as the hub parsed it). */
    public boolean mentions(String participant) {
        return mentions.contains(participant);
    }

    /** True when this message answers {@code other} (its {@code reply_to} is other's id). */
    public boolean isReplyTo(Message other) {
        return other != null && other.messageId().equals(replyTo);
    }

    /**
     * True when this is a request addressed to {@code participant}: targeted at it ({@code to}) and
     * not itself a reply. Responders answer these with {@link ParleyClient#reply(Message, String)}.
     */
    public boolean isRequestFor(String participant) {
        return participant != null && participant.equals(to) && replyTo == null;
    }

    /** The message in the hub's wire shape, as the protocol writes it (what {@code parley listen --json} prints). */
    public WireMessage toWire() {
        return new WireMessage(messageId, channelId, channelName, sender, body, messageType, priority, replyTo,
                Json.mapper().valueToTree(metadata), WireTime.format(createdAt), seq, to, WireTime.format(editedAt),
                deleted, mentions);
    }
}
