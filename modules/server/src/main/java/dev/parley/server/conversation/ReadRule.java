package dev.parley.server.conversation;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.store.Channel;
import dev.parley.store.Channels;
import dev.parley.store.Messages;
import dev.parley.store.Reader;
import dev.parley.store.StoredMessage;
import dev.parley.store.Vocabulary;
import java.util.Optional;

/**
 * Who may read what — the one place that decides it, for every face (REST, socket, and through
 * them the CLI, MCP and {@code /chat}):
 *
 * <ul>
 *   <li>a group channel is public: any reader, anonymous ones included (the hub token is checked
 *       before a request gets here);</li>
 *   <li>a DM (or any private channel) only its members;</li>
 *   <li>a message when its channel is readable and, if it is targeted ({@code to}), the reader is
 *       its target or its sender;</li>
 *   <li>a thread, a search hit, a quoted ({@code reply_to}) message, a delivery record: each
 *       message on its own, as above (the store applies the same rule in SQL for lists, see
 *       {@code ReadableSql}, so a page of {@code limit} holds up to {@code limit} readable rows);</li>
 *   <li>a channel listing: public channels and the reader's own.</li>
 * </ul>
 *
 * <p>What a reader may not read answers exactly like what does not exist ({@code channel_not_found},
 * {@code message_not_found}), so ids and DM names cannot be probed. Thread-safe (stateless).
 */
public final class ReadRule {
    private final Channels channels;
    private final Messages messages;
    private final MembershipCache membership;

    public ReadRule(Channels channels, Messages messages, MembershipCache membership) {
        this.channels = channels;
        this.messages = messages;
        this.membership = membership;
    }

    /** Whether a reader may read a channel. */
    public boolean canRead(Reader reader, Channel channel) {
        if (isPublic(channel)) {
            return true;
        }
        return isMember(reader, channel);
    }

    /** Whether a reader may read a message (its channel, then its target). */
    public boolean canRead(Reader reader, StoredMessage message) {
        return targetAdmits(reader, message)
                && channels.find(message.channelId()).map(channel -> canRead(reader, channel)).orElse(false);
    }

    /**
     * The message's own part of the rule, for someone who may read its channel (e.g. a member, for
     * events about the message): untargeted, or targeted at the reader, or sent by the reader.
     */
    public static boolean targetAdmits(Reader reader, StoredMessage message) {
        return message.to() == null
                || !reader.anonymous() && (reader.name().equals(message.to()) || reader.name().equals(message.sender()));
    }

    /**
     * The channel with this id or name, if the reader may read it.
     *
     * @throws ProtocolException {@code channel_not_found} when there is none, or the reader may not read it
     */
    public Channel channel(Reader reader, String reference) {
        return findChannel(reader, reference)
                .orElseThrow(() -> new ProtocolException(ErrorCode.CHANNEL_NOT_FOUND, "channel not found: " + reference));
    }

    /** The channel with this id or name, if it exists and the reader may read it. */
    public Optional<Channel> findChannel(Reader reader, String reference) {
        return channels.find(reference).filter(channel -> canRead(reader, channel));
    }

    /** Whether a named reader belongs to a channel (a public one can be read without). */
    public boolean isMember(Reader reader, Channel channel) {
        return !reader.anonymous() && membership.isMember(channel.channelId(), reader.name());
    }

    /**
     * The message with this id, if the reader may read it.
     *
     * @throws ProtocolException {@code message_not_found} when there is none, or the reader may not read it
     */
    public StoredMessage message(Reader reader, String messageId) {
        return findMessage(reader, messageId)
                .orElseThrow(() -> new ProtocolException(ErrorCode.MESSAGE_NOT_FOUND, "message not found: " + messageId));
    }

    /** The message with this id, if it exists and the reader may read it. */
    public Optional<StoredMessage> findMessage(Reader reader, String messageId) {
        return messages.find(messageId).filter(message -> canRead(reader, message));
    }

    /**
     * Checks the message a new one replies to: a sender may only quote what it can read, and a
     * quote of something it cannot read is refused as if the id did not exist (so a send cannot
     * probe whether a DM message exists). No-op for a null {@code replyTo}.
     */
    public void requireQuotable(String sender, String replyTo) {
        if (replyTo != null) {
            message(Reader.named(sender), replyTo);
        }
    }

    private static boolean isPublic(Channel channel) {
        return !channel.isPrivate() && !Vocabulary.DM.equals(channel.channelType());
    }
}
