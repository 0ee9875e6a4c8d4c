package dev.parley.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON text to Jackson trees and back with jackson-core's streaming parser and generator only.
 *
 * <p>Why not an {@code ObjectMapper}: the CLI starts a JVM per command, and building a mapper (configs, type
 * factory, serializer caches) took about as long as the rest of a {@code parley send}. The trees are the same
 * {@link JsonNode}s, so commands read them as usual.
 */
public final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonText() {}

    /** A new, empty object. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A new, empty array. */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** A tree for plain Java values: maps, lists, strings, numbers, booleans and null (e.g. parsed metadata). */
    public static JsonNode fromValue(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, element) -> object.set(String.valueOf(key), fromValue(element)));
            return object;
        }
        if (value instanceof Iterable<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(fromValue(element)));
            return array;
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof java.math.BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof Number number) {
            return NODES.numberNode(number.doubleValue());
        }
        return NODES.textNode(String.valueOf(value));
    }

    /**
     * Parses one JSON document.
     *
     * @throws IOException when the text is not JSON, or has more than one document
     */
    public static JsonNode parse(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("no JSON document");
            }
            JsonNode node = read(parser, first);
            if (parser.nextToken() != null) {
                throw new IOException("text after the JSON document");
            }
            return node;
        }
    }

    /** One line of JSON. */
    public static String write(JsonNode node) {
        return write(node, false);
    }

    /** JSON text, on one line or indented for people. */
    public static String write(JsonNode node, boolean pretty) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            if (pretty) {
                generator.useDefaultPrettyPrinter();
            }
            write(generator, node);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    private static JsonNode read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.set(name, read(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(read(parser, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    private static void write(JsonGenerator out, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    out.writeFieldName(field.getKey());
                    write(out, field.getValue());
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : node) {
                    write(out, element);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(node.textValue());
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    if (node.canConvertToLong()) {
                        out.writeNumber(node.longValue());
                    } else {
                        out.writeNumber(node.bigIntegerValue());
                    }
                } else {
                    out.writeNumber(node.decimalValue());
                }
            }
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NULL, MISSING -> out.writeNull();
            default -> out.writeString(node.asText());
        }
    }
}
