package dev.parley.store;

import java.util.List;
import java.util.Locale;

/**
 * The protocol's closed word lists and name rules, applied the way the compatible hub applies them:
 * an unknown participant type becomes {@code ai}, an unknown message type {@code text}, an unknown
 * priority {@code normal}. The server reuses these so the edge and the store never disagree.
 */
public final class Vocabulary {
    /** The default channel every participant joins when first registered. */
    public static final String GENERAL_ID = "ch-general";
    /** Channel types. */
    public static final String GROUP = "group";
    public static final String DM = "dm";
    public static final String BROADCAST = "broadcast";

    public static final List<String> PARTICIPANT_TYPES = List.of("ai", "human", "service");
    public static final List<String> MESSAGE_TYPES = List.of("text", "system", "code", "file_ref", "action");
    public static final List<String> PRIORITIES = List.of("urgent", "normal", "low");

    /** History page size when none is asked for, and the most one page may hold. */
    public static final int DEFAULT_HISTORY_LIMIT = 50;
    public static final int MAX_HISTORY_LIMIT = 200;

    private Vocabulary() {}

    /** {@code ai}, {@code human} or {@code service}; anything else (or null) becomes {@code ai}. */
    public static String participantType(String type) {
        return type != null && PARTICIPANT_TYPES.contains(type) ? type : "ai";
    }

    /** One of {@link #MESSAGE_TYPES}; anything else (or null) becomes {@code text}. */
    public static String messageType(String type) {
        return type != null && MESSAGE_TYPES.contains(type) ? type : "text";
    }

    /** One of {@link #PRIORITIES}; anything else (or null) becomes {@code normal}. */
    public static String priority(String priority) {
        return priority != null && PRIORITIES.contains(priority) ? priority : "normal";
    }

    /** A channel name as stored: trimmed, lower-cased, spaces turned into {@code -}. */
    public static String channelName(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /**
     * What two names are compared by when a display name must not copy another participant's name
     * or display name: Unicode NFKC (so full-width and other compatibility forms fold to the plain
     * letters), trimmed, lower-cased. For the ASCII participant names this is SQLite's
     * {@code lower(name)}, which the store's index uses.
     */
    public static String nameKey(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    /** The DM channel's name for two participants, {@code dm:<x>:<y>} with the names sorted. */
    public static String dmName(String a, String b) {
        return a.compareTo(b) <= 0 ? "dm:" + a + ":" + b : "dm:" + b + ":" + a;
    }

    /** A history page size: the default for null or non-positive, at most the maximum. */
    public static int historyLimit(Integer limit) {
        if (limit == null || limit <= 0) {
            return DEFAULT_HISTORY_LIMIT;
        }
        return Math.min(limit, MAX_HISTORY_LIMIT);
    }
}
