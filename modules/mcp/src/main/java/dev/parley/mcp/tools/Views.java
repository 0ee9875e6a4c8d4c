package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;

/**
 * The compact JSON shapes tool results use: the fields an agent acts on, defaults left out
 * ({@code message_type} "text", {@code priority} "normal", empty metadata), so results cost few tokens.
 */
final class Views {
    private Views() {}

    static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }

    static ObjectNode message(JsonNode m) {
        ObjectNode view = object();
        view.put("message_id", m.path("message_id").asText());
        view.put("channel", m.path("channel_name").asText(m.path("channel_id").asText()));
        view.put("seq", m.path("seq").asLong());
        view.put("sender", m.path("sender").asText());
        view.put("body", m.path("body").asText());
        view.put("created_at", m.path("created_at").asText());
        copyText(m, view, "reply_to");
        copyText(m, view, "to");
        if (!m.path("message_type").asText("text").equals("text")) {
            view.put("message_type", m.path("message_type").asText());
        }
        if (!m.path("priority").asText("normal").equals("normal")) {
            view.put("priority", m.path("priority").asText());
        }
        JsonNode metadata = m.path("metadata");
        if (metadata.isObject() && metadata.size() > 0 || metadata.isTextual()) {
            view.set("metadata", metadata);
        }
        copyText(m, view, "edited_at");
        if (m.path("deleted").asBoolean(false)) {
            view.put("deleted", true);
        }
        return view;
    }

    static ArrayNode messages(Iterable<? extends JsonNode> messages) {
        ArrayNode list = Json.mapper().createArrayNode();
        messages.forEach(m -> list.add(message(m)));
        return list;
    }

    static ObjectNode channel(JsonNode c, boolean joined) {
        ObjectNode view = object();
        view.put("name", c.path("name").asText());
        view.put("channel_id", c.path("channel_id").asText());
        view.put("type", c.path("channel_type").asText());
        if (!c.path("topic").asText("").isEmpty()) {
            view.put("topic", c.path("topic").asText());
        }
        view.put("joined", joined);
        view.put("messages", c.path("last_seq").asLong());
        view.put("last_activity", c.path("last_activity").asText());
        return view;
    }

    static ObjectNode participant(JsonNode p) {
        ObjectNode view = object();
        view.put("name", p.path("name").asText());
        String display = p.path("display_name").asText("");
        if (!display.isEmpty() && !display.equals(p.path("name").asText())) {
            view.put("display_name", display);
        }
        view.put("type", p.path("participant_type").asText("ai"));
        view.put("online", p.path("is_online").asInt(0) == 1);
        copyText(p, view, "last_seen_at");
        return view;
    }

    private static void copyText(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull() && !value.asText().isEmpty()) {
            to.put(field, value.asText());
        }
    }
}
