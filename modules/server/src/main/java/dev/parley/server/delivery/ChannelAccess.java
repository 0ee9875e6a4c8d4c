package dev.parley.server.delivery;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.store.Appended;
import dev.parley.store.Channel;
import dev.parley.store.Channels;
import dev.parley.store.Messages;
import dev.parley.store.NewMessage;
import dev.parley.store.Vocabulary;
import java.util.concurrent.CompletableFuture;

/**
 * Who may write to which channel, the same for socket and REST: anyone registered may post to a
 * group channel (posting joins it, as the reference hub let anyone post anywhere); only the two
 * members of a DM may post there. Who may read is {@link dev.parley.server.access.ReadRule}'s job.
 */
public final class ChannelAccess {
    private final Channels channels;
    private final Messages messages;
    private final MembershipCache membership;

    public ChannelAccess(Channels channels, Messages messages, MembershipCache membership) {
        this.channels = channels;
        this.messages = messages;
        this.membership = membership;
    }

    /**
     * Stores a message to a channel {@link #sendable} returned, for socket and REST alike: a member's is appended;
     * a first post joins the channel in the same write task ({@link Messages#appendJoining}), and the in-memory
     * membership learns of it as the write completes.
     */
    public CompletableFuture<Appended> post(NewMessage message) {
        if (membership.isMember(message.channelId(), message.sender())) {
            return messages.append(message);
        }
        return messages.appendJoining(message).thenApply(appended -> {
            membership.joined(message.channelId(), message.sender());
            return appended;
        });
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
