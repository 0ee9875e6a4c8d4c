package dev.parley.server.conversation;

import dev.parley.store.Channels;
import dev.parley.store.StoreEvent;
import dev.parley.store.StoreEventListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channel members held in memory, so delivering a message or checking a DM reads no database. Loaded per channel
 * on first use; kept current by the store's {@link StoreEvent.MemberJoined} events (every way a member row is made
 * emits one), {@link StoreEvent.MemberLeft} and {@link StoreEvent.ChannelDeleted}, heard on the completion thread
 * before the writing task's future completes.
 */
public final class MembershipCache implements StoreEventListener {
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

    /** Whether a participant belongs to a channel. */
    public boolean isMember(String channelId, String participant) {
        return members(channelId).contains(participant);
    }

    /**
     * A join the store committed: added to a channel already loaded; one not loaded yet reads its members, this one
     * included, when first used. ({@code computeIfPresent} waits for a load running at the same time, so a load
     * that read before the commit still gets the new member.)
     */
    @Override
    public void on(StoreEvent event) {
        if (event instanceof StoreEvent.MemberJoined joined) {
            members.computeIfPresent(joined.channelId(), (id, set) -> {
                set.add(joined.participant());
                return set;
            });
        } else if (event instanceof StoreEvent.MemberLeft left) {
            members.computeIfPresent(left.channelId(), (id, set) -> {
                set.remove(left.participant());
                return set;
            });
        } else if (event instanceof StoreEvent.ChannelDeleted deleted) {
            members.remove(deleted.channel().channelId());
        }
    }
}
