package dev.parley.protocol;

/**
 * Sizes and characters of the free-text fields the hub stores about channels and participants:
 * a channel's topic, and a participant's display name, type and hardware id. The socket
 * ({@code auth}, {@code register}) and REST ({@code /api/channels/create}) both check here, so the
 * faces never disagree. A field over its size is {@code too_large} with the limit in the detail.
 *
 * <p>Display names are what people read to tell who wrote a message, so they also refuse
 * ({@code bad_name}) characters that change how text around them looks: bidi controls, which can
 * make "alice" display over other letters, and every other control or invisible format character
 * except the joiners emoji and some scripts need. Whether a name copies another participant's is the
 * store's check (it needs every other name), made in the same step as the write.
 */
public final class FieldLimits {
    /** Longest channel topic, in characters (code points). */
    public static final int MAX_TOPIC = 1_000;
    /** Longest display name, in characters (code points): as long as a name. */
    public static final int MAX_DISPLAY_NAME = Names.MAX_LENGTH;
    /** Longest participant type as sent (the hub stores {@code ai}, {@code human} or {@code service}). */
    public static final int MAX_PARTICIPANT_TYPE = 32;
    /** Longest hardware id. */
    public static final int MAX_HARDWARE_ID = 128;

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private FieldLimits() {}

    /** A channel topic (null allowed), at most {@value #MAX_TOPIC} characters. */
    public static String topic(String topic) {
        return sized("topic", topic, MAX_TOPIC);
    }

    /** A participant type as sent (null allowed), at most {@value #MAX_PARTICIPANT_TYPE} characters. */
    public static String participantType(String type) {
        return sized("participant_type", type, MAX_PARTICIPANT_TYPE);
    }

    /** A hardware id (null allowed), at most {@value #MAX_HARDWARE_ID} characters. */
    public static String hardwareId(String hardwareId) {
        return sized("hardware_id", hardwareId, MAX_HARDWARE_ID);
    }

    /**
     * A display name (null allowed: keep the stored one, or the name): trimmed, at most
     * {@value #MAX_DISPLAY_NAME} characters, no bidi, control or invisible format characters.
     * A name that is empty once trimmed counts as none.
     */
    public static String displayName(String displayName) {
        if (displayName == null) {
            return null;
        }
        String trimmed = sized("display_name", displayName.strip(), MAX_DISPLAY_NAME);
        if (trimmed.isEmpty()) {
            return null;
        }
        trimmed.codePoints().forEach(c -> {
            if (isBidiControl(c)) {
                throw new ProtocolException(ErrorCode.BAD_NAME, String.format(
                        "display names may not carry bidi controls (U+%04X)", c));
            }
            if (isHidden(c)) {
                throw new ProtocolException(ErrorCode.BAD_NAME, String.format(
                        "display names may not carry control or invisible characters (U+%04X)", c));
            }
        });
        return trimmed;
    }

    /** U+202A–U+202E (embeddings, overrides), U+2066–U+2069 (isolates), U+200E/U+200F (marks), U+061C. */
    static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                || c == 0x061C;
    }

    private static boolean isHidden(int c) {
        return switch (Character.getType(c)) {
            // Unassigned code points are let through: they may be emoji newer than this JDK's tables.
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
            case Character.FORMAT -> c != ZERO_WIDTH_JOINER && c != ZERO_WIDTH_NON_JOINER;
            default -> false;
        };
    }

    private static String sized(String field, String value, int max) {
        if (value != null && value.length() > max && value.codePointCount(0, value.length()) > max) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "'" + field + "' is "
                    + value.codePointCount(0, value.length()) + " characters; the limit is " + max);
        }
        return value;
    }
}
