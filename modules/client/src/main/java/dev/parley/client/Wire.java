package dev.parley.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The client's side of the wire format: JSON text to records and back. Field names follow
 * PROTOCOL.md; anything a compat hub leaves out becomes null, 0 or empty rather than an error.
 */
final class Wire {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private Wire() {}

    static ObjectNode frame(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ParleyException(ParleyException.BAD_ANSWER, "the hub sent invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A message from a {@code message} frame, a {@code queued} entry or a REST row. */
    static Message message(JsonNode n) {
        return new Message(string(n, "message_id"), string(n, "channel_id"), string(n, "channel_name"),
                string(n, "sender"), string(n, "body"), string(n, "message_type"), string(n, "priority"),
                string(n, "reply_to"), map(n.get("metadata")), instant(string(n, "created_at")),
                n.path("seq").asLong(0), string(n, "to"), instant(string(n, "edited_at")),
                n.path("deleted").asBoolean(false));
    }

    /** The message a {@code sent} answer stands for: what was asked, plus what the hub assigned. */
    static Message sentMessage(String sender, SendRequest request, JsonNode sent, String channelName) {
        return new Message(string(sent, "message_id"), string(sent, "channel_id"), channelName, sender, request.body(),
                Vocabulary.messageType(request.messageType()), Vocabulary.priority(request.priority()), request.replyTo(),
                metadataOf(request.metadata()), instant(string(sent, "created_at")), sent.path("seq").asLong(0),
                request.to(), null, false);
    }

    static Channel channel(JsonNode n) {
        String name = string(n, "name") != null ? string(n, "name") : string(n, "channel_name");
        return new Channel(string(n, "channel_id"), name,
                string(n, "channel_type"), string(n, "created_by"), string(n, "topic"), flag(n.get("is_private")),
                instant(string(n, "created_at")), instant(string(n, "last_activity")), n.path("last_seq").asLong(0));
    }

    static Participant participant(JsonNode n) {
        return new Participant(string(n, "name"), string(n, "display_name"), string(n, "participant_type"),
                flag(n.get("is_online")), instant(string(n, "last_seen_at")), string(n, "host_ip"));
    }

    static Unread unread(JsonNode n) {
        return new Unread(string(n, "channel_id"), string(n, "channel_name"), n.path("unread").asLong(0));
    }

    static <T> List<T> list(JsonNode array, Function<JsonNode, T> element) {
        List<T> list = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> list.add(element.apply(n)));
        }
        return List.copyOf(list);
    }

    static String string(JsonNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** ISO-8601 with an offset, as the hub writes it; null (not an error) for anything else. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** The reference hub writes booleans as 0/1; accept both. */
    private static boolean flag(JsonNode value) {
        return value != null && (value.asBoolean(false) || value.asInt(0) != 0);
    }

    /** A JSON object as a map of plain Java values (empty for anything but an object). */
    static Map<String, Object> map(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        return MAPPER.convertValue(node, MAP);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadataOf(Map<String, ?> metadata) {
        return metadata == null ? Map.of() : (Map<String, Object>) metadata;
    }
}
