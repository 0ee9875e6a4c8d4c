package dev.parley.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.wire.WireChannel;
import dev.parley.protocol.wire.WireFields;
import dev.parley.protocol.wire.WireMessage;
import dev.parley.protocol.wire.WireParticipant;
import dev.parley.protocol.wire.WireTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The client's side of the wire format: JSON text to records and back. The hub's shapes are read by
 * the readers of {@code dev.parley.protocol.wire} and become the client's typed records here; anything
 * a compat hub leaves out becomes null, 0 or empty rather than an error.
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
        WireMessage m = WireMessage.read(n);
        return new Message(m.messageId(), m.channelId(), m.channelName(), m.sender(), m.body(), m.messageType(),
                m.priority(), m.replyTo(), map(m.metadata()), WireTime.parse(m.createdAt()), m.seq(), m.to(),
                WireTime.parse(m.editedAt()), m.deleted(), m.mentions());
    }

    /** The message a {@code sent} answer stands for: what was asked, plus what the hub assigned. */
    static Message sentMessage(String sender, SendRequest request, JsonNode sent, String channelName) {
        return new Message(string(sent, "message_id"), string(sent, "channel_id"), channelName, sender, request.body(),
                Vocabulary.messageType(request.messageType()), Vocabulary.priority(request.priority()), request.replyTo(),
                metadataOf(request.metadata()), WireTime.parse(string(sent, "created_at")), sent.path("seq").asLong(0),
                request.to(), null, false);
    }

    static Channel channel(JsonNode n) {
        WireChannel c = WireChannel.read(n);
        return new Channel(c.channelId(), c.name(), c.channelType(), c.createdBy(), c.topic(), c.isPrivate(),
                WireTime.parse(c.createdAt()), WireTime.parse(c.lastActivity()), c.lastSeq());
    }

    static Participant participant(JsonNode n) {
        WireParticipant p = WireParticipant.read(n);
        return new Participant(p.name(), p.displayName(), p.participantType(), p.online(),
                WireTime.parse(p.lastSeenAt()), p.hostIp());
    }

    static Unread unread(JsonNode n) {
        return new Unread(string(n, "channel_id"), string(n, "channel_name"), n.path("unread").asLong(0),
                n.path("mentions").asLong(0));
    }

    static <T> List<T> list(JsonNode array, Function<JsonNode, T> element) {
        List<T> list = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> list.add(element.apply(n)));
        }
        return List.copyOf(list);
    }

    static String string(JsonNode n, String field) {
        return WireFields.string(n, field);
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
