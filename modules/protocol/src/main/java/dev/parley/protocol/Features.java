package dev.parley.protocol;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parley's protocol extensions. The hub announces them all in {@code auth_ok.features}; a client
 * opts in by listing the ones it wants in its {@code auth} frame's {@code features} (or {@code "*"}
 * for all but {@link #OWN_MESSAGES}). A client that lists none is a compat client and never receives an extension frame.
 */
public final class Features {
    /** {@code sent} acknowledgement once a send carrying {@code client_msg_id} is durable. */
    public static final String ACKED_SEND = "acked_send";
    /** {@code seq} on every message; replay of what was missed from per-channel positions. */
    public static final String RESUME = "resume";
    /** The client confirms receipt with {@code ack}; only then is a message counted delivered. */
    public static final String DELIVERY_ACK = "delivery_ack";
    /** {@code edit} / {@code delete} of one's own messages, pushed as {@code message_edited} / {@code message_deleted}. */
    public static final String EDIT_DELETE = "edit_delete";
    /** {@code react}, pushed as {@code reaction}. */
    public static final String REACTIONS = "reactions";
    /** {@code thread} requests and {@code thread_result}. */
    public static final String THREADS = "threads";
    /** Targeted messages ({@code to}) for agent request/reply. */
    public static final String TARGETED = "targeted";
    /** Presence and typing go only to those who share a channel. */
    public static final String SCOPED_PRESENCE = "scoped_presence";
    /** Claims (leases): {@code claim}, {@code release}, {@code list_claims}, and {@code claim_changed} as they change. */
    public static final String CLAIMS = "claims";
    /** Questions for a human: {@code ask_human} → {@code question_asked}, {@code answer} → {@code answer_result}. */
    public static final String QUESTIONS = "questions";
    /** Profiles and discovery: {@code set_profile} → {@code profile}, {@code find_agents} → {@code agents}. */
    public static final String PROFILES = "profiles";
    /**
     * Channel life cycle: {@code leave_channel}, {@code rename_channel}, {@code set_topic}, {@code archive_channel},
     * {@code delete_channel} → {@code channel}; {@code channel_changed} to members as their channels change.
     */
    public static final String CHANNELS = "channels";

    /**
     * One's own messages, sent from another session of the same participant (a second tab, a phone), pushed as
     * {@code message}. Only when asked for by name, never by {@code "*"}: an agent that reads everything it is given
     * must not be handed its own words.
     */
    public static final String OWN_MESSAGES = "own_messages";

    /** What {@code "*"} enables: every feature but those asked for by name only. */
    private static final List<String> STAR = List.of(ACKED_SEND, RESUME, DELIVERY_ACK, EDIT_DELETE, REACTIONS, THREADS,
            TARGETED, SCOPED_PRESENCE, CLAIMS, QUESTIONS, PROFILES, CHANNELS);

    /** Everything this hub offers, in announcement order. */
    public static final List<String> ALL = java.util.stream.Stream.concat(STAR.stream(), java.util.stream.Stream.of(
            OWN_MESSAGES)).toList();

    private Features() {}

    /**
     * The features a client asked for that this hub offers ({@code "*"} means all but {@link #OWN_MESSAGES}, which is
     * asked for by name).
     */
    public static Set<String> negotiate(List<String> requested) {
        boolean star = requested.contains("*");
        Set<String> enabled = new LinkedHashSet<>();
        for (String feature : ALL) {
            if ((star && STAR.contains(feature)) || requested.contains(feature)) {
                enabled.add(feature);
            }
        }
        return enabled;
    }
}
