package dev.parley.store;

import java.util.List;
import java.util.Map;

/**
 * What a read ack changed: per original sender, the ids that became read now (already read ones
 * are left out, so a repeated ack sends no second receipt).
 */
public record ReadReceipts(String reader, Map<String, List<String>> bySender) {
    public ReadReceipts {
        bySender = bySender.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    /** Whether nothing became read. */
    public boolean isEmpty() {
        return bySender.isEmpty();
    }
}
