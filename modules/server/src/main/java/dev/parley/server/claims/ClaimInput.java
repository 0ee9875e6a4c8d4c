package dev.parley.server.claims;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.time.Duration;

/**
 * A claim as a client asked for it, checked: every face (socket, REST, MCP through REST, CLI) builds one here, so
 * they all refuse the same things with the same words.
 *
 * @param resource trimmed, 1 to {@value #MAX_RESOURCE} characters, no control characters
 * @param ttl {@value #MIN_TTL_SECONDS} s to {@value #MAX_TTL_SECONDS} s; {@value #DEFAULT_TTL_SECONDS} s when not given
 * @param note at most {@value #MAX_NOTE} characters ("" when not given)
 * @param channel where the claim's changes are announced (a channel id or name), or null for nowhere
 */
public record ClaimInput(String resource, Duration ttl, String note, String channel, boolean releaseOnDisconnect) {
    public static final int MAX_RESOURCE = 256;
    public static final int MAX_NOTE = 500;
    public static final long MIN_TTL_SECONDS = 1;
    public static final long MAX_TTL_SECONDS = 24 * 3600;
    public static final long DEFAULT_TTL_SECONDS = 15 * 60;

    /** Checks what a client sent; a missing ttl is the default, a missing note none. */
    public static ClaimInput of(String resource, Long ttlSeconds, String note, String channel,
                                Boolean releaseOnDisconnect) {
        return new ClaimInput(resource(resource), ttl(ttlSeconds), note(note), blankToNull(channel),
                Boolean.TRUE.equals(releaseOnDisconnect));
    }

    /** A resource as given to claim or release it: trimmed and checked. */
    public static String resource(String resource) {
        if (resource == null || resource.isBlank()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'resource' is required: a path, a glob or a ticket, "
                    + "e.g. \"src/server/**\" or \"JIRA-142\"");
        }
        String trimmed = resource.strip();
        if (trimmed.length() > MAX_RESOURCE) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "'resource' is " + trimmed.length()
                    + " characters; the limit is " + MAX_RESOURCE);
        }
        trimmed.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                throw new ProtocolException(ErrorCode.BAD_FIELD, String.format(
                        "'resource' may not carry control or invisible characters (U+%04X)", c));
            }
        });
        return trimmed;
    }

    private static Duration ttl(Long seconds) {
        if (seconds == null) {
            return Duration.ofSeconds(DEFAULT_TTL_SECONDS);
        }
        if (seconds < MIN_TTL_SECONDS || seconds > MAX_TTL_SECONDS) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'ttl' is " + seconds + " s; a claim lasts "
                    + MIN_TTL_SECONDS + " to " + MAX_TTL_SECONDS + " seconds (renew it by claiming it again)");
        }
        return Duration.ofSeconds(seconds);
    }

    private static String note(String note) {
        if (note == null) {
            return "";
        }
        String trimmed = note.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_NOTE) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "'note' is "
                    + trimmed.codePointCount(0, trimmed.length()) + " characters; the limit is " + MAX_NOTE);
        }
        return trimmed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
