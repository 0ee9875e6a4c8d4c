package dev.parley.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One client frame, parsed and with typed accessors that answer a wrong type with
 * {@link ErrorCode#BAD_FIELD} rather than an exception from deep inside a handler.
 *
 * <p>Missing optional fields and JSON {@code null} read as absent.
 */
public final class InboundFrame {
    private final ObjectNode node;

    private InboundFrame(ObjectNode node) {
        this.node = node;
    }

    /** Parses a text frame; anything but a JSON object with a string {@code type} is {@code bad_json}. */
    public static InboundFrame parse(String text) {
        InboundFrame frame = parseObject(text, "a frame");
        JsonNode type = frame.node.get("type");
        if (type == null || !type.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "a frame needs a string field 'type'");
        }
        return frame;
    }

    /**
     * Parses a JSON object that need not carry a {@code type} (a REST body); anything else is
     * {@code bad_json}, the message naming {@code what} ("a frame", "the body").
     */
    public static InboundFrame parseObject(String text, String what) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, what + " must be a JSON object");
        }
        return new InboundFrame((ObjectNode) node);
    }

    /** Wraps an already parsed object (REST bodies). */
    public static InboundFrame of(ObjectNode node) {
        return new InboundFrame(node);
    }

    public String type() {
        return node.get("type").asText();
    }

    /** The raw node, for fields handled as free JSON. */
    public ObjectNode node() {
        return node;
    }

    /** An optional string; numbers and booleans are refused. */
    public String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'" + field + "' must be a string");
        }
        return value.asText();
    }

    /** A string that must be present and not blank. */
    public String requiredString(String field, ErrorCode whenMissing) {
        String value = string(field);
        if (value == null || value.isBlank()) {
            throw new ProtocolException(whenMissing, "'" + field + "' is required");
        }
        return value;
    }

    /** An optional integer. */
    public Long integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'" + field + "' must be an integer");
        }
        return value.asLong();
    }

    /** An optional JSON object. */
    public ObjectNode object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'" + field + "' must be a JSON object");
        }
        return (ObjectNode) value;
    }

    /** An optional list of strings. */
    public List<String> strings(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'" + field + "' must be a list of strings");
        }
        List<String> strings = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new ProtocolException(ErrorCode.BAD_FIELD, "'" + field + "' must be a list of strings");
            }
            strings.add(item.asText());
        }
        return strings;
    }

    /** An optional boolean. */
    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'" + field + "' must be true or false");
        }
        return value.asBoolean();
    }
}
