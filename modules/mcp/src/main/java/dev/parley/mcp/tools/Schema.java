package dev.parley.mcp.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool's input schema: a JSON Schema object with described properties, built fluently.
 *
 * <pre>Schema.object().string("channel", "Channel name or id", true).integer("limit", "At most this many", 1, 200, false)
 * </pre>
 */
final class Schema {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    private Schema() {}

    static Schema object() {
        return new Schema();
    }

    Schema string(String name, String description, boolean required) {
        return property(name, required, "type", "string", "description", description);
    }

    Schema integer(String name, String description, int min, int max, boolean required) {
        return property(name, required, "type", "integer", "description", description, "minimum", min, "maximum", max);
    }

    Schema number(String name, String description, double min, double max, boolean required) {
        return property(name, required, "type", "number", "description", description, "minimum", min, "maximum", max);
    }

    Schema bool(String name, String description) {
        return property(name, false, "type", "boolean", "description", description);
    }

    Schema stringOrInteger(String name, String description) {
        return property(name, false, "type", List.of("string", "integer"), "description", description);
    }

    Schema strings(String name, String description, boolean required) {
        return property(name, required, "type", "array", "items", Map.of("type", "string"), "minItems", 1,
                "description", description);
    }

    Schema anyObject(String name, String description) {
        return property(name, false, "type", "object", "description", description);
    }

    Schema choice(String name, String description, List<String> values) {
        return property(name, false, "type", "string", "enum", values, "description", description);
    }

    /** The property names, for rejecting unknown arguments. */
    List<String> names() {
        return List.copyOf(properties.keySet());
    }

    /** One property's schema (type, description, bounds), or null. */
    @SuppressWarnings("unchecked")
    Map<String, Object> property(String name) {
        return (Map<String, Object>) properties.get(name);
    }

    Map<String, Object> toMap() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private Schema property(String name, boolean isRequired, Object... keyValues) {
        Map<String, Object> property = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            property.put((String) keyValues[i], keyValues[i + 1]);
        }
        properties.put(name, property);
        if (isRequired) {
            required.add(name);
        }
        return this;
    }
}
