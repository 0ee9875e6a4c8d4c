package dev.parley.mcp.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tool call's arguments, read against the tool's {@link Schema}. Every problem becomes a
 * {@link ToolError} that names the argument and says what it should be; unknown arguments are
 * refused (usually a misspelt name), listing the ones the tool takes.
 */
final class Args {
    private final String tool;
    private final Schema schema;
    private final Map<String, Object> values;

    Args(String tool, Schema schema, Map<String, Object> values) {
        this.tool = tool;
        this.schema = schema;
        this.values = values == null ? Map.of() : values;
        for (String name : this.values.keySet()) {
            if (schema.property(name) == null) {
                throw new ToolError("unknown argument '" + name + "'; " + tool + " takes "
                        + (schema.names().isEmpty() ? "no arguments" : String.join(", ", schema.names())));
            }
        }
    }

    boolean has(String name) {
        Object value = values.get(name);
        return value != null && !(value instanceof String text && text.isBlank());
    }

    /** A string argument, or null when absent or blank. Numbers are taken as their text. */
    String string(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text.isBlank() ? null : text.strip();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new ToolError("'" + name + "' must be a string (" + description(name) + ")");
    }

    /** A string argument that must be there. */
    String requiredString(String name) {
        String value = string(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    /** Text that must be there and is kept exactly as given (message bodies keep their whitespace). */
    String requiredText(String name) {
        Object value = values.get(name);
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        if (value == null || value instanceof String) {
            throw missing(name);
        }
        throw new ToolError("'" + name + "' must be a string (" + description(name) + ")");
    }

    /** An integer within the schema's bounds, or the default. Integral numbers and numeric strings are accepted. */
    int integer(String name, int defaultValue) {
        double value = number(name, defaultValue);
        if (value != Math.rint(value)) {
            throw new ToolError("'" + name + "' must be a whole number, not " + value);
        }
        return (int) value;
    }

    /** A number within the schema's bounds, or the default. */
    double number(String name, double defaultValue) {
        Object value = values.get(name);
        if (value == null || value instanceof String text && text.isBlank()) {
            return defaultValue;
        }
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof String text) {
            try {
                number = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new ToolError("'" + name + "' must be a number, not '" + text + "'");
            }
        } else {
            throw new ToolError("'" + name + "' must be a number (" + description(name) + ")");
        }
        Map<String, Object> property = schema.property(name);
        double min = ((Number) property.getOrDefault("minimum", -Double.MAX_VALUE)).doubleValue();
        double max = ((Number) property.getOrDefault("maximum", Double.MAX_VALUE)).doubleValue();
        if (number < min || number > max) {
            throw new ToolError("'" + name + "' must be between " + format(min) + " and " + format(max) + ", not "
                    + format(number));
        }
        return number;
    }

    /** A boolean, or the default. {@code "true"}/{@code "false"} strings are accepted. */
    boolean bool(String name, boolean defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw new ToolError("'" + name + "' must be true or false");
    }

    /** A list of strings (a single string counts as a list of one), or an empty list. */
    List<String> strings(String name) {
        Object value = values.get(name);
        List<String> list = new ArrayList<>();
        if (value == null) {
            return list;
        }
        if (value instanceof String text) {
            if (!text.isBlank()) {
                list.add(text.strip());
            }
            return list;
        }
        if (!(value instanceof List<?> items)) {
            throw new ToolError("'" + name + "' must be a list of strings (" + description(name) + ")");
        }
        for (Object item : items) {
            if (!(item instanceof String text) || text.isBlank()) {
                throw new ToolError("'" + name + "' must be a list of non-empty strings");
            }
            list.add(text.strip());
        }
        return list;
    }

    /** A JSON object argument (as the host sent it: plain maps, lists, strings, numbers), or null. */
    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map)) {
            throw new ToolError("'" + name + "' must be a JSON object (" + description(name) + ")");
        }
        return (Map<String, Object>) value;
    }

    /** One of the schema's enumerated values, or null. */
    String choice(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        Object allowed = schema.property(name).get("enum");
        if (allowed instanceof List<?> options && !options.contains(value)) {
            throw new ToolError("'" + name + "' must be one of " + options + ", not '" + value + "'");
        }
        return value;
    }

    private ToolError missing(String name) {
        return new ToolError("missing required argument '" + name + "' (" + description(name) + ")");
    }

    private String description(String name) {
        Map<String, Object> property = schema.property(name);
        return property == null ? name : String.valueOf(property.get("description"));
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
