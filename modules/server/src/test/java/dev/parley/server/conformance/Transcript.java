package dev.parley.server.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one hub answered to a scripted conversation, step by step, for {@link ReferenceDifferentialTest}: each entry
 * is a frame or a REST answer ({@code {"status": code, "body": json}}) under a name, with the paths whose values are
 * deterministic and so must be equal across hubs. {@link #differencesFrom} compares a candidate hub's transcript with
 * the reference's: every field the reference sends must be there with a JSON type the reference uses for it (a
 * {@code null} in the reference says nothing of the type, so anything may stand there), extra fields are allowed.
 */
final class Transcript {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(JsonNode value, List<String> valuePaths) {}

    /** A frame as received. Value paths use {@code .} between fields and {@code []} for every element of an array. */
    void frame(String name, JsonNode frame, String... valuePaths) {
        add(name, frame, List.of(valuePaths));
    }

    /** A REST answer: its status is always compared; value paths start at {@code body}. */
    void rest(String name, HttpResponse<String> response, String... valuePaths) {
        ObjectNode answer = Json.mapper().createObjectNode().put("status", response.statusCode());
        answer.set("body", parse(response.body()));
        List<String> paths = new ArrayList<>(List.of(valuePaths));
        paths.add(0, "status");
        add(name, answer, paths);
    }

    /** The entry's value, for the script's next steps (an id to ask about). */
    JsonNode get(String name) {
        return entries.get(name).value();
    }

    private void add(String name, JsonNode value, List<String> valuePaths) {
        if (entries.putIfAbsent(name, new Entry(value, valuePaths)) != null) {
            throw new IllegalArgumentException("two entries named " + name);
        }
    }

    /** Every way the candidate differs from this (the reference's) transcript, one line each. */
    List<String> differencesFrom(Transcript candidate) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Entry> step : entries.entrySet()) {
            String name = step.getKey();
            Entry expected = step.getValue();
            Entry actual = candidate.entries.get(name);
            if (actual == null) {
                problems.add(name + ": no answer from the candidate");
                continue;
            }
            compareShapes(name, expected.value(), actual.value(), problems);
            for (String path : expected.valuePaths()) {
                List<JsonNode> want = valuesAt(expected.value(), path);
                List<JsonNode> got = valuesAt(actual.value(), path);
                if (!want.equals(got)) {
                    problems.add(name + ": " + path + " is " + got + ", the reference says " + want);
                }
            }
        }
        return problems;
    }

    private static void compareShapes(String name, JsonNode expected, JsonNode actual, List<String> problems) {
        Map<String, Set<String>> want = shape(expected);
        Map<String, Set<String>> got = shape(actual);
        for (Map.Entry<String, Set<String>> field : want.entrySet()) {
            String path = field.getKey();
            Set<String> kinds = got.get(path);
            if (kinds == null) {
                problems.add(name + ": " + path + " is missing (the reference sends " + field.getValue() + ")");
                continue;
            }
            Set<String> referenceKinds = field.getValue();
            if (referenceKinds.equals(Set.of("null"))) {
                continue; // The reference's null names no type; Parley may fill it.
            }
            Set<String> foreign = new TreeSet<>(kinds);
            foreign.removeAll(referenceKinds);
            if (!foreign.isEmpty()) {
                problems.add(name + ": " + path + " is " + kinds + ", the reference sends " + referenceKinds
                        + " (in " + compact(actual) + ")");
            }
        }
    }

    /** Path → the JSON kinds seen there; the root is {@code $}. */
    private static Map<String, Set<String>> shape(JsonNode root) {
        Map<String, Set<String>> shape = new TreeMap<>();
        walk("$", root, shape);
        return shape;
    }

    private static void walk(String path, JsonNode node, Map<String, Set<String>> shape) {
        shape.computeIfAbsent(path, p -> new TreeSet<>()).add(kind(node));
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> walk(path + "." + f.getKey(), f.getValue(), shape));
        } else if (node.isArray()) {
            node.forEach(element -> walk(path + "[]", element, shape));
        }
    }

    private static String kind(JsonNode node) {
        if (node.isNull()) {
            return "null";
        } else if (node.isBoolean()) {
            return "boolean";
        } else if (node.isIntegralNumber()) {
            return "integer";
        } else if (node.isNumber()) {
            return "float";
        } else if (node.isTextual()) {
            return "string";
        } else if (node.isArray()) {
            return "array";
        }
        return "object";
    }

    /** The values at a path such as {@code body.messages[].sender}, in order (arrays contribute every element). */
    static List<JsonNode> valuesAt(JsonNode root, String path) {
        List<JsonNode> current = List.of(root);
        for (String segment : path.split("\\.")) {
            boolean each = segment.endsWith("[]");
            String field = each ? segment.substring(0, segment.length() - 2) : segment;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                JsonNode child = node.path(field);
                if (each) {
                    child.forEach(next::add);
                } else {
                    next.add(child);
                }
            }
            current = next;
        }
        return current;
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException notJson) {
            return Json.mapper().getNodeFactory().textNode("(not JSON) " + body);
        }
    }

    private static String compact(JsonNode node) {
        String text = node.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
