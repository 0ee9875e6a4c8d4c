package dev.parley.server.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Json;
import dev.parley.store.Channel;
import dev.parley.store.Participant;
import dev.parley.store.Reaction;
import dev.parley.store.StoredMessage;
import java.util.Collection;

/**
 * The JSON shapes of the wire contract, built in one place so the socket and REST agree field for
 * field. Compat fields come first, in the reference hub's names and types; Parley's extra fields
 * (seq, to, edited_at, deleted) follow — compat clients ignore fields they do not know.
 */
public final class WireFormat {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireFormat() {}

    /** A new object node. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A frame of a type. */
    public static ObjectNode frame(String type) {
        return object().put("type", type);
    }

    /** An {@code error} frame. */
    public static ObjectNode error(ErrorCode code, String detail) {
        return frame("error").put("code", code.wire()).put("detail", detail);
    }

    /** A message's fields, as in {@code message} frames, {@code queued} lists and REST rows. */
    public static ObjectNode message(StoredMessage m) {
        ObjectNode node = object();
        node.put("message_id", m.messageId());
        node.put("channel_id", m.channelId());
        node.put("channel_name", m.channelName());
        node.put("sender", m.sender());
        node.put("body", m.body());
        node.put("message_type", m.messageType());
        node.put("priority", m.priority());
        node.put("reply_to", m.replyTo());
        node.set("metadata", metadata(m.metadata()));
        node.put("created_at", m.createdAt());
        node.put("seq", m.seq());
        if (m.to() != null) {
            node.put("to", m.to());
        }
        if (m.editedAt() != null) {
            node.put("edited_at", m.editedAt());
        }
        if (m.deleted()) {
            node.put("deleted", true);
        }
        return node;
    }

    /** A {@code message} frame. */
    public static ObjectNode messageFrame(StoredMessage m) {
        ObjectNode frame = frame("message");
        frame.setAll(message(m));
        return frame;
    }

    /** A list of messages. */
    public static ArrayNode messages(Collection<StoredMessage> messages) {
        ArrayNode list = NODES.arrayNode();
        messages.forEach(m -> list.add(message(m)));
        return list;
    }

    /** A channel as {@code /api/channels} lists it. */
    public static ObjectNode channel(Channel c) {
        ObjectNode node = object();
        node.put("channel_id", c.channelId());
        node.put("name", c.name());
        node.put("channel_type", c.channelType());
        node.put("created_by", c.createdBy());
        node.put("topic", c.topic());
        node.put("is_private", c.isPrivate() ? 1 : 0);
        node.put("created_at", c.createdAt());
        // Never null: the seeded general channel has no activity until its first message.
        node.put("last_activity", c.lastActivity() != null ? c.lastActivity() : c.createdAt());
        node.put("last_seq", c.lastSeq());
        return node;
    }

    /** A participant as {@code /api/presence} and {@code /api/participants} list it. */
    public static ObjectNode participant(Participant p, boolean online) {
        ObjectNode node = object();
        node.put("name", p.name());
        node.put("display_name", p.displayName());
        node.put("participant_type", p.participantType());
        node.put("hardware_id", p.hardwareId());
        node.put("is_online", online ? 1 : 0);
        node.put("last_seen_at", p.lastSeenAt());
        node.put("host_ip", p.hostIp());
        node.put("created_at", p.createdAt());
        return node;
    }

    /** One reaction. */
    public static ObjectNode reaction(Reaction r) {
        return object().put("message_id", r.messageId()).put("participant", r.participant())
                .put("emoji", r.emoji()).put("created_at", r.createdAt());
    }

    /** Serialises a node. */
    public static String text(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    private static JsonNode metadata(String text) {
        if (text == null) {
            return NODES.objectNode(); // compat clients read metadata as an object, never null
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return NODES.textNode(text);
        }
    }
}
