package dev.parley.server.delivery;

import dev.parley.store.Channels;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channel members held in memory for fan-out, so delivering a message reads no database. Loaded
 * per channel on first use; kept current by the hub's own join, create and DM paths, which are the
 * only ways membership changes.
 */
public final class MembershipCache {
    private final Channels channels;
    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();

    public MembershipCache(Channels channels) {
        this.channels = channels;
    }

    /** The members of a channel (a live, thread-safe view). */
    public Set<String> members(String channelId) {
        return members.computeIfAbsent(channelId, id -> {
            Set<String> set = ConcurrentHashMap.newKeySet();
            set.addAll(channels.members(id));
            return set;
        });
    }

    /** Records that a participant joined a channel (after the store committed it). */
    public void joined(String channelId, String participant) {
        members(channelId).add(participant);
    }

    /** Whether a participant belongs to a channel. */
    public boolean isMember(String channelId, String participant) {
        return members(channelId).contains(participant);
    }
}
