package dev.parley.protocol.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A channel as {@code /api/channels} lists it. {@code is_private} is 0/1 on the wire, as in the
 * reference hub.
 */
public record WireChannel(String channelId, String name, String channelType, String createdBy, String topic,
                          boolean isPrivate, String createdAt, String lastActivity, long lastSeq) {

    /** Writes the channel's fields into an open object: the one writer of this shape. */
    public void writeFields(JsonGenerator out) throws IOException {
        out.writeStringField("channel_id", channelId);
        out.writeStringField("name", name);
        out.writeStringField("channel_type", channelType);
        out.writeStringField("created_by", createdBy);
        out.writeStringField("topic", topic);
        out.writeNumberField("is_private", isPrivate ? 1 : 0);
        out.writeStringField("created_at", createdAt);
        out.writeStringField("last_activity", lastActivity);
        out.writeNumberField("last_seq", lastSeq);
    }

    /** The channel as a JSON object. */
    public String toJson() {
        return WireText.object(this::writeFields);
    }

    /**
     * Reads a channel: the one reader of this shape. The name may come as {@code channel_name}
     * (as DM answers also carry it); missing fields become null, 0 or false.
     */
    public static WireChannel read(JsonNode n) {
        String name = WireFields.string(n, "name") != null ? WireFields.string(n, "name") : WireFields.string(n, "channel_name");
        return new WireChannel(WireFields.string(n, "channel_id"), name, WireFields.string(n, "channel_type"),
                WireFields.string(n, "created_by"), WireFields.string(n, "topic"), WireFields.flag(n, "is_private"),
                WireFields.string(n, "created_at"), WireFields.string(n, "last_activity"), n.path("last_seq").asLong(0));
    }
}
