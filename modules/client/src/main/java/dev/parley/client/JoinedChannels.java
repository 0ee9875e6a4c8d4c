package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of the channels this client's participant is a member of, as far as it knows: the list
 * in the last {@code auth_ok}, plus the channels it joined, created, sent to or received from since.
 * Thread-safe.
 */
final class JoinedChannels {
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    /** A new connection: the hub's list is the truth from now on. */
    void authenticated(JsonNode authOk) {
        JsonNode listed = authOk.get("channels");
        if (listed != null && listed.isArray()) {
            names.clear();
            listed.forEach(name -> names.add(name.asText()));
        }
    }

    void add(String channelName) {
        if (channelName != null) {
            names.add(channelName);
        }
    }

    /** A channel left, or renamed away from this name. */
    void remove(String channelName) {
        names.remove(channelName);
    }

    Set<String> names() {
        return Set.copyOf(names);
    }
}
