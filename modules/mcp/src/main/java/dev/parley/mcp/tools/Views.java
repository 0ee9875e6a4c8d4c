package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.Channel;
import dev.parley.client.Message;
import dev.parley.client.Participant;
import dev.parley.protocol.Json;
import dev.parley.protocol.wire.WireTime;
import java.time.Instant;

/**
 * The compact JSON shapes tool results use: the fields an agent acts on, defaults left out
 * ({@code message_type} "text", {@code priority} "normal", empty metadata), so results cost few tokens.
 */
final class Views {
    private Views() {}

    static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }

    static ObjectNode message(Message m) {
        ObjectNode view = object();
        view.put("message_id", m.messageId());
        view.put("channel", m.channelName() != null ? m.channelName() : m.channelId());
        view.put("seq", m.seq());
        view.put("sender", m.sender());
        view.put("body", m.body());
        view.put("created_at", time(m.createdAt()));
        putIfSet(view, "reply_to", m.replyTo());
        putIfSet(view, "to", m.to());
        if (m.messageType() != null && !m.messageType().equals("text")) {
            view.put("message_type", m.messageType());
        }
        if (m.priority() != null && !m.priority().equals("normal")) {
            view.put("priority", m.priority());
        }
        if (!m.metadata().isEmpty()) {
            view.set("metadata", Json.mapper().valueToTree(m.metadata()));
        }
        putIfSet(view, "edited_at", m.editedAt() == null ? null : time(m.editedAt()));
        if (m.deleted()) {
            view.put("deleted", true);
        }
        if (!m.mentions().isEmpty()) {
            ArrayNode mentions = view.putArray("mentions");
            m.mentions().forEach(mentions::add);
        }
        return view;
    }

    static ArrayNode messages(Iterable<Message> messages) {
        ArrayNode list = Json.mapper().createArrayNode();
        messages.forEach(m -> list.add(message(m)));
        return list;
    }

    static ObjectNode channel(Channel c, boolean joined) {
        ObjectNode view = object();
        view.put("name", c.name());
        view.put("channel_id", c.channelId());
        view.put("type", c.channelType());
        putIfSet(view, "topic", c.topic());
        view.put("joined", joined);
        view.put("messages", c.lastSeq());
        view.put("last_activity", time(c.lastActivity()));
        return view;
    }

    static ObjectNode participant(Participant p) {
        ObjectNode view = object();
        view.put("name", p.name());
        if (p.displayName() != null && !p.displayName().isEmpty() && !p.displayName().equals(p.name())) {
            view.put("display_name", p.displayName());
        }
        view.put("type", p.participantType() != null ? p.participantType() : "ai");
        view.put("online", p.online());
        putIfSet(view, "last_seen_at", p.lastSeenAt() == null ? null : time(p.lastSeenAt()));
        return view;
    }

    /** A timestamp as the hub writes it (results show them as the hub does); empty when there is none. */
    static String time(Instant instant) {
        return instant == null ? "" : WireTime.format(instant);
    }

    private static void putIfSet(ObjectNode view, String field, String value) {
        if (value != null && !value.isEmpty()) {
            view.put(field, value);
        }
    }
}
