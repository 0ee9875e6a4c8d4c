package dev.parley.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.protocol.wire.WireMessage;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compat frames the bench writes, and cheap reading of the ones it gets.
 *
 * <p>Most inbound traffic on a busy hub is {@code presence} the bench ignores, so the type is read
 * off the front of the text when the frame starts with {@code {"type": "..."}} (as Parley's and the
 * reference hub's frames do) and the frame is parsed in full only when someone needs its fields.
 */
final class Frames {
    /** Metadata key carrying the send time, {@link System#nanoTime()} of the sending process. */
    static final String SENT_NS = "bench_sent_ns";
    static final String RUN = "bench_run";
    static final String SEQ = "bench_seq";
    static final String SENDER = "bench_sender";

    private static final ObjectMapper MAPPER = Json.mapper();

    private Frames() {}

    static String auth(String name, String token) {
        ObjectNode frame = frame("auth").put("name", name).put("participant_type", "service");
        if (token != null && !token.isBlank()) {
            frame.put("token", token);
        }
        return write(frame);
    }

    static String register(String name) {
        return write(frame("register").put("name", name).put("participant_type", "service"));
    }

    static String ping() {
        return "{\"type\":\"ping\"}";
    }

    /** A {@code send} frame for message {@code seq} of a bench sender, stamped with the current time. */
    static String send(String channel, String runId, int sender, long seq) {
        ObjectNode frame = frame("send").put("channel", channel).put("body", body(runId, sender, seq));
        frame.set("metadata", MAPPER.valueToTree(metadata(runId, sender, seq, System.nanoTime())));
        return write(frame);
    }

    static String body(String runId, int sender, long seq) {
        return "bench " + runId + " s" + sender + " #" + seq;
    }

    /** The metadata that stamps message {@code seq} of a bench sender with its send time. */
    static Map<String, Object> metadata(String runId, int sender, long seq, long sentNanos) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(RUN, runId);
        metadata.put(SENDER, sender);
        metadata.put(SEQ, seq);
        metadata.put(SENT_NS, sentNanos);
        return metadata;
    }

    /**
     * The send time a message of this run carries, or -1. The protocol's reader also reads metadata
     * that hubs storing it as text send as a JSON string.
     */
    static long sentNanos(JsonNode message, String runId) {
        JsonNode metadata = WireMessage.read(message).metadata();
        if (!runId.equals(metadata.path(RUN).asText(null)) || !metadata.path(SENT_NS).canConvertToLong()) {
            return -1;
        }
        return metadata.path(SENT_NS).asLong();
    }

    /** The frame's {@code type}, or null when the text is not a JSON object with a string type. */
    static String typeOf(String text) {
        String sniffed = leadingType(text);
        if (sniffed != null) {
            return sniffed;
        }
        try {
            JsonNode type = MAPPER.readTree(text).path("type");
            return type.isTextual() ? type.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The type when {@code "type"} is the object's first key and its value has no escapes; else null. */
    static String leadingType(String text) {
        int at = skipSpace(text, 0);
        if (at >= text.length() || text.charAt(at) != '{') {
            return null;
        }
        at = skipSpace(text, at + 1);
        if (!text.startsWith("\"type\"", at)) {
            return null;
        }
        at = skipSpace(text, at + "\"type\"".length());
        if (at >= text.length() || text.charAt(at) != ':') {
            return null;
        }
        at = skipSpace(text, at + 1);
        if (at >= text.length() || text.charAt(at) != '"') {
            return null;
        }
        int end = text.indexOf('"', at + 1);
        if (end < 0) {
            return null;
        }
        String type = text.substring(at + 1, end);
        return type.indexOf('\\') >= 0 ? null : type;
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode frame(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    private static int skipSpace(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }
}
