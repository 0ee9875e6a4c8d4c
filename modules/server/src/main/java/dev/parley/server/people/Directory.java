package dev.parley.server.people;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.session.SessionRegistry;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.HubStore;
import dev.parley.store.Participant;
import dev.parley.store.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Who is on the hub and what they can do: participants' profiles (set by themselves) and discovery — "who can
 * review-java", "who knows about terraform" — with presence. Profiles are visible to everyone on the hub, like the
 * participants' list. Thread-safe.
 */
public final class Directory {
    private final HubStore store;
    private final SessionRegistry sessions;

    public Directory(HubStore store, SessionRegistry sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    /** A participant with its profile and whether it is online. */
    public record Entry(Participant participant, Profile profile, boolean online) {}

    /** Sets one's own profile (the participant is registered; its caller checked it may act so). */
    public CompletableFuture<Profile> setProfile(String participant, ProfileInput input) {
        return store.profiles().set(new Profile(participant, input.description(), input.capabilities(), input.model(),
                input.owner(), null));
    }

    /** A participant with its profile. */
    public Entry entry(String name) {
        Participant participant = store.participants().find(name).orElseThrow(() ->
                new ProtocolException(ErrorCode.PARTICIPANT_NOT_FOUND, "participant not found: " + name));
        return new Entry(participant, store.profiles().of(name), sessions.isOnline(name));
    }

    /**
     * Agents and services (not humans) that hold {@code capability}, or whose profile or name mentions {@code text};
     * both null: every agent and service with a profile. Online first, then by name.
     */
    public List<Entry> findAgents(String capability, String text) {
        List<Profile> profiles = capability != null ? store.profiles().withCapability(ProfileInput.capability(capability))
                : text != null ? store.profiles().matching(text.strip()) : store.profiles().all();
        List<Entry> found = new ArrayList<>();
        for (Profile profile : profiles) {
            Optional<Participant> participant = store.participants().find(profile.participant());
            if (participant.isPresent() && !"human".equals(participant.get().participantType())
                    && (capability == null || text == null || mentions(profile, text))) {
                found.add(new Entry(participant.get(), profile, sessions.isOnline(profile.participant())));
            }
        }
        found.sort(Comparator.comparing((Entry e) -> !e.online()).thenComparing(e -> e.participant().name()));
        return found;
    }

    private static boolean mentions(Profile profile, String text) {
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return (profile.participant() + "\n" + profile.description() + "\n" + profile.model() + "\n" + profile.owner()
                + "\n" + String.join("\n", profile.capabilities())).toLowerCase(Locale.ROOT).contains(needle);
    }

    /** A profile just set, as the answer to setting it (no other read: it answers on the store's completion thread). */
    public static ObjectNode view(Profile p) {
        ObjectNode node = WireFormat.object().put("name", p.participant()).put("description", p.description())
                .put("model", p.model()).put("owner", p.owner()).put("profile_updated_at", p.updatedAt());
        ArrayNode capabilities = node.putArray("capabilities");
        p.capabilities().forEach(capabilities::add);
        return node;
    }

    /** A participant with its profile, as every face shows it. */
    public static ObjectNode view(Entry e) {
        ObjectNode node = WireFormat.object().put("name", e.participant().name())
                .put("display_name", e.participant().displayName())
                .put("participant_type", e.participant().participantType()).put("online", e.online())
                .put("last_seen_at", e.participant().lastSeenAt())
                .put("description", e.profile().description()).put("model", e.profile().model())
                .put("owner", e.profile().owner()).put("profile_updated_at", e.profile().updatedAt());
        ArrayNode capabilities = node.putArray("capabilities");
        e.profile().capabilities().forEach(capabilities::add);
        return node;
    }
}
