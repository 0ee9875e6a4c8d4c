package dev.parley.server.delivery;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.store.Channel;
import dev.parley.store.Channels;
import dev.parley.store.Vocabulary;
import java.util.concurrent.CompletableFuture;

/**
 * Who may write to which channel, the same for socket and REST: anyone registered may post to a
 * group channel (posting joins it, as the reference hub let anyone post anywhere); only the two
 * members of a DM may post there. Who may read is {@link dev.parley.server.access.ReadRule}'s job.
 */
public final class ChannelAccess {
    private final Channels channels;
    private final MembershipCache membership;

    public ChannelAccess(Channels channels, MembershipCache membership) {
        this.channels = channels;
        this.membership = membership;
    }

    /**
     * The channel a participant may post to (a first post joins a group channel: {@code Messages.appendJoining});
     * a DM only its members. Lets a send refuse bad input before anything is stored.
     */
    public Channel sendable(String reference, String participant) {
        Channel channel = channels.require(reference);
        if (channel.channelType().equals(Vocabulary.DM) && !membership.isMember(channel.channelId(), participant)) {
            // As if it did not exist: a refusal would tell a stranger that these two talk.
            throw new ProtocolException(ErrorCode.CHANNEL_NOT_FOUND, "channel not found: " + reference);
        }
        return channel;
    }

    /** Joins a channel and keeps the in-memory membership current. */
    public CompletableFuture<Channel> join(String reference, String participant) {
        return channels.join(reference, participant).thenApply(joined -> {
            membership.joined(joined.channelId(), participant);
            return joined;
        });
    }
}
