package dev.parley.client;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online, as far as this client knows: a snapshot from {@code /api/presence} on each
 * (re)connect, kept current by {@code presence} frames. Used by {@code request} to fail fast; a
 * participant not known to be online is checked with the hub before the request is refused.
 * Thread-safe.
 */
final class PresenceCache {
    private final ConcurrentHashMap<String, Boolean> online = new ConcurrentHashMap<>();

    void update(PresenceEvent event) {
        online.put(event.participant(), event.online());
    }

    void replaceWith(List<Participant> snapshot) {
        snapshot.forEach(p -> online.put(p.name(), p.online()));
    }

    /** True only when the last word about the participant was "online". */
    boolean knownOnline(String participant) {
        return Boolean.TRUE.equals(online.get(participant));
    }
}
