package dev.parley.protocol.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A participant as {@code /api/presence}, {@code /api/participants} and {@code auth_ok} carry it.
 * {@code is_online} is 0/1 on the wire, as in the reference hub.
 */
public record WireParticipant(String name, String displayName, String participantType, String hardwareId,
                              boolean online, String lastSeenAt, String hostIp, String createdAt) {

    /** Writes the participant's fields into an open object: the one writer of this shape. */
    public void writeFields(JsonGenerator out) throws IOException {
        out.writeStringField("name", name);
        out.writeStringField("display_name", displayName);
        out.writeStringField("participant_type", participantType);
        out.writeStringField("hardware_id", hardwareId);
        out.writeNumberField("is_online", online ? 1 : 0);
        out.writeStringField("last_seen_at", lastSeenAt);
        out.writeStringField("host_ip", hostIp);
        out.writeStringField("created_at", createdAt);
        // The reference's participants table has this column and never fills it; its rows carry it as null.
        out.writeNullField("metadata_json");
    }

    /** The participant as a JSON object. */
    public String toJson() {
        return WireText.object(this::writeFields);
    }

    /** Reads a participant: the one reader of this shape; missing fields become null or false. */
    public static WireParticipant read(JsonNode n) {
        return new WireParticipant(WireFields.string(n, "name"), WireFields.string(n, "display_name"),
                WireFields.string(n, "participant_type"), WireFields.string(n, "hardware_id"), WireFields.flag(n, "is_online"),
                WireFields.string(n, "last_seen_at"), WireFields.string(n, "host_ip"), WireFields.string(n, "created_at"));
    }
}
