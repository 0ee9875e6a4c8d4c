package dev.parley.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Channels and who belongs to them. Reads block; writes are queued. A "channel" argument is a
 * channel id or a channel name (an id wins when both match).
 */
public interface Channels {
    /** The channel with this id or name. */
    Optional<Channel> find(String channel);

    /**
     * The channel with this id or name.
     *
     * @throws StoreException.ChannelNotFound when there is none
     */
    Channel require(String channel);

    /**
     * At most {@code limit} of the channels {@code reader} may read — public group channels and the
     * reader's own — whose names sort after {@code after} (null: from the first), by name.
     */
    List<Channel> page(Reader reader, String after, int limit);

    /** As {@link #page(Reader, String, int)}, with archived channels too when {@code includeArchived}. */
    List<Channel> page(Reader reader, String after, int limit, boolean includeArchived);

    /** The channels a participant belongs to, by name. */
    List<Channel> channelsOf(String participant);

    /** A channel's members, by name. */
    List<String> members(String channelId);

    /** Whether a participant belongs to a channel. */
    boolean isMember(String channelId, String participant);

    /**
     * Creates a group channel named {@link Vocabulary#channelName}(name) with its creator as first
     * member, or returns the existing channel of that name unchanged.
     *
     * @param createdBy a registered participant (else the future fails with ParticipantNotFound), or null
     */
    CompletableFuture<ChannelCreation> create(String name, String createdBy, String topic);

    /**
     * Adds a participant to a channel (no-op when already a member). A new member starts with both
     * cursors at the channel's newest message: nothing older is pending or unread for them.
     * Fails with ChannelNotFound, ParticipantNotFound, or NotAllowed for a DM channel.
     */
    CompletableFuture<Channel> join(String channel, String participant);

    /**
     * The DM channel of two registered participants ({@code dm:<x>:<y>}, names sorted, type
     * {@code dm}, private, both members), created if needed.
     */
    CompletableFuture<Channel> dm(String a, String b);

    /** A channel's loop guard: its limit, the agent messages in a row, whether it holds. */
    LoopGuardState loopGuard(String channelId);

    /**
     * Sets a channel's own loop-guard limit: agent messages in a row it takes with no human's (0: never refuse;
     * null: the hub's). A limit at or below the current run trips the guard at the next agent message.
     */
    CompletableFuture<LoopGuardState> setLoopGuard(String channelId, Integer limit);

    // ---- life cycle (ChannelLife: general is for good; a DM cannot be left, renamed, given a topic, archived) ----

    /** A member leaves a group channel (its {@link StoreEvent.MemberLeft}); NotAllowed when not a member. */
    CompletableFuture<Channel> leave(String channel, String participant);

    /** Renames a group channel to {@link Vocabulary#channelName}(name); Invalid when another has that name. */
    CompletableFuture<Channel> rename(String channel, String name);

    /** Sets a group channel's topic (null: none). */
    CompletableFuture<Channel> setTopic(String channel, String topic);

    /** Archives (read-only, out of default lists) or unarchives a group channel. */
    CompletableFuture<Channel> setArchived(String channel, boolean archived);

    /** Deletes a channel (not general) with all its messages, atomically; answers it as it was. */
    CompletableFuture<Channel> delete(String channel);
}
