package dev.parley.protocol.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** One reaction, as the {@code reactions} lists of REST message answers carry it. */
public record WireReaction(String messageId, String participant, String emoji, String createdAt) {

    /** Writes the reaction's fields into an open object: the one writer of this shape. */
    public void writeFields(JsonGenerator out) throws IOException {
        out.writeStringField("message_id", messageId);
        out.writeStringField("participant", participant);
        out.writeStringField("emoji", emoji);
        out.writeStringField("created_at", createdAt);
    }

    /** The reaction as a JSON object. */
    public String toJson() {
        return WireText.object(this::writeFields);
    }

    /** Reads a reaction: the one reader of this shape; missing fields become null. */
    public static WireReaction read(JsonNode n) {
        return new WireReaction(WireFields.string(n, "message_id"), WireFields.string(n, "participant"),
                WireFields.string(n, "emoji"), WireFields.string(n, "created_at"));
    }
}
