package dev.parley.protocol.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.protocol.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A message as the hub sends it: the fields of {@code message} and {@code message_edited} frames,
 * of {@code queued} and history pages, and of REST message rows. Compat fields come first, in the
 * reference hub's names and types; Parley's extra fields ({@code seq}, {@code to}, {@code edited_at},
 * {@code deleted}) follow, and the optional ones are left out when unset — compat clients ignore
 * fields they do not know. Timestamps stay the hub's text ({@link WireTime} reads them).
 *
 * @param metadata a JSON value: an object for every message Parley stores; text for a stored value
 *                 that is not JSON; JSON null for a blank one; Java null becomes an empty object
 */
public record WireMessage(String messageId, String channelId, String channelName, String sender, String body,
                          String messageType, String priority, String replyTo, JsonNode metadata,
                          String createdAt, long seq, String to, String editedAt, boolean deleted,
                          List<String> mentions) {

    public WireMessage {
        metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** A message that mentions nobody. */
    public WireMessage(String messageId, String channelId, String channelName, String sender, String body,
                       String messageType, String priority, String replyTo, JsonNode metadata, String createdAt,
                       long seq, String to, String editedAt, boolean deleted) {
        this(messageId, channelId, channelName, sender, body, messageType, priority, replyTo, metadata, createdAt, seq,
                to, editedAt, deleted, List.of());
    }

    /** Writes the message's fields into an open object: the one writer of this shape. */
    public void writeFields(JsonGenerator out) throws IOException {
        out.writeStringField("message_id", messageId);
        out.writeStringField("channel_id", channelId);
        out.writeStringField("channel_name", channelName);
        out.writeStringField("sender", sender);
        out.writeStringField("body", body);
        out.writeStringField("message_type", messageType);
        out.writeStringField("priority", priority);
        out.writeStringField("reply_to", replyTo);
        out.writeFieldName("metadata");
        out.writeTree(metadata);
        out.writeStringField("created_at", createdAt);
        out.writeNumberField("seq", seq);
        if (to != null) {
            out.writeStringField("to", to);
        }
        if (editedAt != null) {
            out.writeStringField("edited_at", editedAt);
        }
        if (deleted) {
            out.writeBooleanField("deleted", true);
        }
        if (!mentions.isEmpty()) {
            out.writeArrayFieldStart("mentions");
            for (String name : mentions) {
                out.writeString(name);
            }
            out.writeEndArray();
        }
    }

    /**
     * Writes a REST message row: the frame's fields, then the columns the reference's rows carry besides them —
     * {@code edited_at} (null until edited) and {@code metadata_json}, the metadata as JSON text (null when there is
     * none, as the reference stores it).
     */
    public void writeRowFields(JsonGenerator out) throws IOException {
        writeFields(out);
        if (editedAt == null) {
            out.writeNullField("edited_at");
        }
        out.writeStringField("metadata_json", metadataJson());
    }

    /** The metadata as the reference's {@code metadata_json} column holds it. */
    private String metadataJson() {
        if (metadata.isTextual()) {
            return metadata.asText();
        }
        return metadata.isNull() || metadata.isEmpty() && metadata.isContainerNode() ? null : metadata.toString();
    }

    /** The message as a REST row (see {@link #writeRowFields}). */
    public String toRow() {
        return WireText.object(this::writeRowFields);
    }

    /** The message as a JSON object. */
    public String toJson() {
        return WireText.object(this::writeFields);
    }

    /** The message as a frame of a type ({@code message}, {@code message_edited}). */
    public String toFrame(String type) {
        return WireText.frame(type, this::writeFields);
    }

    /**
     * Reads a message from a frame, a page entry or a REST row: the one reader of this shape. What a
     * compat hub leaves out becomes null, 0 or false rather than an error; metadata a hub sent as
     * JSON text is read as the JSON it holds.
     */
    public static WireMessage read(JsonNode n) {
        return new WireMessage(WireFields.string(n, "message_id"), WireFields.string(n, "channel_id"),
                WireFields.string(n, "channel_name"), WireFields.string(n, "sender"), WireFields.string(n, "body"),
                WireFields.string(n, "message_type"), WireFields.string(n, "priority"), WireFields.string(n, "reply_to"),
                metadata(n.get("metadata")), WireFields.string(n, "created_at"), n.path("seq").asLong(0),
                WireFields.string(n, "to"), WireFields.string(n, "edited_at"), n.path("deleted").asBoolean(false),
                mentions(n.get("mentions")));
    }

    /**
     * Stored metadata text as the hub writes it: the JSON it holds, an empty object for none, and
     * the text itself when it is not JSON (a compat database may hold anything there).
     */
    public static JsonNode metadataOf(String stored) {
        if (stored == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode value = Json.mapper().readTree(stored);
            // Blank text reads as "missing", which the hub has always written as null.
            return value.isMissingNode() ? JsonNodeFactory.instance.nullNode() : value;
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(stored);
        }
    }

    private static List<String> mentions(JsonNode value) {
        if (value == null || !value.isArray()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        value.forEach(name -> names.add(name.asText()));
        return names;
    }

    private static JsonNode metadata(JsonNode value) {
        if (value != null && value.isTextual()) {
            JsonNode held = metadataOf(value.asText());
            return held.isContainerNode() ? held : value;
        }
        return value;
    }
}
