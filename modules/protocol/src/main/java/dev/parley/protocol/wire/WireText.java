package dev.parley.protocol.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.parley.protocol.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes wire JSON with a streaming generator, straight to text: the hub writes each message once
 * per fan-out, so no tree is built for it. The generator comes from {@link Json#mapper()}, so
 * escaping and number forms are those of the mapper, and metadata trees can be written inline.
 */
public final class WireText {
    /** Writes the fields of one JSON object (its start and end are written around them). */
    @FunctionalInterface
    public interface Fields {
        /** Writes fields into the open object. */
        void write(JsonGenerator out) throws IOException;
    }

    private WireText() {}

    /** One JSON object holding the fields. */
    public static String object(Fields fields) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator out = Json.mapper().getFactory().createGenerator(text)) {
            out.writeStartObject();
            fields.write(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    /** A frame: {@code type} first (readers sniff it there), then the fields. */
    public static String frame(String type, Fields fields) {
        return object(out -> {
            out.writeStringField("type", type);
            fields.write(out);
        });
    }
}
