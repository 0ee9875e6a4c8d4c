package dev.parley.server.conversation;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.store.Channel;

/**
 * Who may change a channel — the one place that decides it, for every face (REST, socket, and through them the CLI,
 * MCP and {@code /chat}); {@link ReadRule} decides who may see it first (what one may not read, one may not change):
 *
 * <ul>
 *   <li>leave: a member;</li>
 *   <li>topic: any member (as in Slack), not in an archived channel;</li>
 *   <li>rename, archive, unarchive, delete: the channel's creator. A channel with no creator (made by the hub) is
 *       changed only by the hub's admin, who acts on the database itself ({@code parley admin channels ...}), not
 *       through these faces;</li>
 *   <li>posting: not in an archived channel ({@code channel_archived}).</li>
 * </ul>
 *
 * <p>The store keeps what holds for everyone: {@code general} is for good, a DM keeps its members. Stateless.
 */
public final class ChannelRule {
    private final MembershipCache membership;

    public ChannelRule(MembershipCache membership) {
        this.membership = membership;
    }

    /** A member only ({@code not_a_member} else). */
    public void requireMember(String participant, Channel channel, String what) {
        if (!membership.isMember(channel.channelId(), participant)) {
            throw new ProtocolException(ErrorCode.NOT_A_MEMBER, "only members of " + channel.name() + " may " + what
                    + "; " + participant + " is not one");
        }
    }

    /** The channel's creator only ({@code not_allowed} else). */
    public void requireCreator(String participant, Channel channel, String what) {
        if (channel.createdBy() == null || !channel.createdBy().equals(participant)) {
            String who = channel.createdBy() == null ? "the hub's admin ('parley admin' on its machine)"
                    : "its creator, " + channel.createdBy() + ",";
            throw new ProtocolException(ErrorCode.NOT_ALLOWED, "only " + who + " may " + what + " " + channel.name());
        }
    }

    /** Not archived ({@code channel_archived} else): an archived channel is read-only. */
    public void requireLive(Channel channel, String what) {
        if (channel.archived()) {
            throw new ProtocolException(ErrorCode.CHANNEL_ARCHIVED, channel.name() + " is archived (read-only): "
                    + "cannot " + what + " until it is unarchived");
        }
    }
}
