package dev.parley.client;

import dev.parley.protocol.Features;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The protocol extensions in use on the current connection, and what the client does without the
 * ones that are missing. A compat-only hub (or {@link ParleyClientBuilder#compatOnly(boolean)})
 * gives {@link #compatMode()} true; {@link #describe()} says what degraded.
 *
 * @param offered    what the hub announced in {@code auth_ok.features} (empty from a compat hub)
 * @param enabled    what the hub confirmed for this connection ({@code auth_ok.enabled})
 * @param compatOnly true when the client was told not to ask for extensions
 */
public record FeatureSet(Set<String> offered, Set<String> enabled, boolean compatOnly) {
    /** {@code sent} answers to sends that carry {@code client_msg_id}. */
    public static final String ACKED_SEND = Features.ACKED_SEND;
    /** Per-channel {@code seq} and replay from the positions the client names. */
    public static final String RESUME = Features.RESUME;
    /** Messages count as delivered only once the client acks them. */
    public static final String DELIVERY_ACK = Features.DELIVERY_ACK;
    /** Edit and delete of one's own messages, pushed as events. */
    public static final String EDIT_DELETE = Features.EDIT_DELETE;
    /** Reactions, pushed as events. */
    public static final String REACTIONS = Features.REACTIONS;
    /** Threads of replies. */
    public static final String THREADS = Features.THREADS;
    /** Messages targeted at one member ({@code to}). */
    public static final String TARGETED = Features.TARGETED;

    /** Copies the sets. */
    public FeatureSet {
        offered = Set.copyOf(offered);
        enabled = Set.copyOf(enabled);
    }

    /** True when the feature is enabled on this connection. */
    public boolean has(String feature) {
        return enabled.contains(feature);
    }

    /**
     * True when the client runs degraded: without acked sends or without resume (a compat-only hub,
     * or compat mode by choice).
     */
    public boolean compatMode() {
        return !has(ACKED_SEND) || !has(RESUME);
    }

    /** One line saying which mode the client runs in and what is missing, for logs and status output. */
    public String describe() {
        if (!compatMode() && has(DELIVERY_ACK)) {
            return "extensions: " + String.join(", ", enabled.stream().sorted().toList());
        }
        List<String> missing = new ArrayList<>();
        if (!has(ACKED_SEND)) {
            missing.add("no acked send (sends go through REST /api/send, which returns the stored message)");
        }
        if (!has(RESUME)) {
            missing.add("no resume (missed messages arrive as the hub's queued backlog; "
                    + "a message in flight when the connection drops can be lost)");
        }
        if (!has(DELIVERY_ACK)) {
            missing.add("no delivery acks (the hub counts a message delivered once written to the socket)");
        }
        String why = compatOnly ? "compat mode by configuration" : offered.isEmpty()
                ? "compat mode: the hub offers no extensions" : "degraded: the hub lacks some extensions";
        return why + ": " + String.join("; ", missing);
    }
}
