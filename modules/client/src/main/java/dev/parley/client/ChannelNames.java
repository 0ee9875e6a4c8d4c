package dev.parley.client;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Channel ids to names, learned from whatever the hub says (messages, channel lists, DMs), so that a
 * message built from a {@code sent} answer — which carries only the id — has its channel's name.
 * Thread-safe.
 */
final class ChannelNames {
    private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();

    ChannelNames() {
        names.put("ch-general", "general"); // every hub seeds it; every participant is in it
    }

    void learn(String channelId, String name) {
        if (channelId != null && name != null) {
            names.put(channelId, name);
        }
    }

    /** The name for a reference the caller gave: an id we know, or the reference itself (a name). */
    String nameOf(String reference) {
        String known = names.get(reference);
        if (known != null) {
            return known;
        }
        return reference.startsWith("ch-") ? null : reference;
    }
}
