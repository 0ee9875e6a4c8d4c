package dev.parley.client;

import java.util.Set;

/**
 * The hub's fixed vocabularies, so that a message the client builds from a {@code sent} answer
 * shows the same type and priority the hub stored (anything unknown becomes {@code text} / {@code normal}).
 */
final class Vocabulary {
    private static final Set<String> MESSAGE_TYPES = Set.of("text", "system", "code", "file_ref", "action");
    private static final Set<String> PRIORITIES = Set.of("urgent", "normal", "low");

    private Vocabulary() {}

    static String messageType(String type) {
        return type != null && MESSAGE_TYPES.contains(type) ? type : "text";
    }

    static String priority(String priority) {
        return priority != null && PRIORITIES.contains(priority) ? priority : "normal";
    }
}
