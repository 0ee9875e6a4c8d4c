package dev.parley.server.people;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A profile as a participant set it, checked the same for every face: capabilities become lower-case tags.
 *
 * @param capabilities what it can do, e.g. {@code review-java}, {@code sql}, {@code deploy}
 */
public record ProfileInput(String description, List<String> capabilities, String model, String owner) {
    public static final int MAX_DESCRIPTION = 1000;
    public static final int MAX_CAPABILITIES = 32;
    public static final int MAX_FIELD = 200;
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._+/#-]{0,39}");

    /** Checks what a client sent; missing fields are empty. */
    public static ProfileInput of(String description, List<String> capabilities, String model, String owner) {
        return new ProfileInput(text("description", description, MAX_DESCRIPTION), tags(capabilities),
                text("model", model, MAX_FIELD), text("owner", owner, MAX_FIELD));
    }

    /** A capability as a search names it: one lower-case tag. */
    public static String capability(String capability) {
        String tag = capability == null ? "" : capability.strip().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(tag).matches()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "a capability is a tag of 1 to 40 letters, digits and "
                    + ". _ + / # - (e.g. review-java, sql, deploy), not '" + capability + "'");
        }
        return tag;
    }

    private static List<String> tags(List<String> capabilities) {
        if (capabilities == null) {
            return List.of();
        }
        if (capabilities.size() > MAX_CAPABILITIES) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, capabilities.size() + " capabilities; at most "
                    + MAX_CAPABILITIES);
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (String capability : capabilities) {
            tags.add(capability(capability));
        }
        return new ArrayList<>(tags);
    }

    private static String text(String field, String value, int max) {
        if (value == null) {
            return "";
        }
        String text = value.strip();
        if (text.codePointCount(0, text.length()) > max) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "'" + field + "' is " + text.codePointCount(0, text.length())
                    + " characters; the limit is " + max);
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'" + field + "' may not carry control characters");
        }
        return text;
    }
}
