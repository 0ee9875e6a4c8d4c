package dev.parley.protocol.wire;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as the hub writes them: ISO-8601 UTC with microseconds and an explicit offset, e.g.
 * {@code 2026-02-20T04:54:28.444985+00:00} (the reference hub's form). Faces that show or re-send a
 * hub timestamp format it here; readers of hub frames parse it here.
 */
public final class WireTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

    private WireTime() {}

    /** An instant in the hub's form (truncated to microseconds); null for null. */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    /**
     * A timestamp a hub wrote: ISO-8601 with an offset or {@code Z}. Null (not an error) for null,
     * blank or unreadable text: a compat hub's odd timestamp must not lose the frame it came in.
     */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
