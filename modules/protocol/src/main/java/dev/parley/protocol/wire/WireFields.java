package dev.parley.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading one field of a hub frame, leniently: what a compat hub leaves out or sends as JSON null is
 * null or false, never an error. The shape readers of this package and the client's frame handling
 * read fields through here.
 */
public final class WireFields {
    private WireFields() {}

    /** The text field of a frame, or null when it is missing or JSON null: how every reader reads one. */
    public static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A 0/1 or boolean flag (the reference hub writes 0/1); false when missing. */
    public static boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && (value.asBoolean(false) || value.asInt(0) != 0);
    }
}
