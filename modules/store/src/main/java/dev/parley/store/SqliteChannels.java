package dev.parley.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link Channels} on SQLite. Stateless apart from its collaborators: thread-safe. */
final class SqliteChannels implements Channels {
    static final String SELECT = "SELECT c.channel_id, c.name, c.channel_type, c.created_by, c.topic, "
            + "c.is_private, c.created_at, c.last_activity, c.last_seq, c.archived_at FROM channels c ";
    // An id wins over a name when a channel is named like another one's id.
    private static final String BY_ID_OR_NAME = SELECT + "WHERE c.channel_id = ?1 OR c.name = ?1 "
            + "ORDER BY c.channel_id = ?1 DESC LIMIT 1";

    private final WriteQueue writes;
    private final ReaderPool reads;
    private final MonotonicClock clock;
    private final ChannelLife life;

    SqliteChannels(WriteQueue writes, ReaderPool reads, MonotonicClock clock) {
        this.writes = writes;
        this.reads = reads;
        this.clock = clock;
        this.life = new ChannelLife(clock);
    }

    @Override
    public Optional<Channel> find(String channel) {
        return reads.read(sql -> find(sql, channel));
    }

    @Override
    public Channel require(String channel) {
        return find(channel).orElseThrow(() -> new StoreException.ChannelNotFound(channel));
    }

    @Override
    public List<Channel> page(Reader reader, String after, int limit) {
        return page(reader, after, limit, false);
    }

    @Override
    public List<Channel> page(Reader reader, String after, int limit, boolean includeArchived) {
        return reads.read(sql -> sql.list(SELECT + "WHERE " + ReadableSql.channel("?1") + "AND c.name > ?2 "
                + "AND (?4 OR c.archived_at IS NULL) ORDER BY c.name LIMIT ?3", SqliteChannels::map, reader.name(),
                after == null ? "" : after, limit, includeArchived));
    }

    @Override
    public CompletableFuture<Channel> leave(String channelId, String participant) {
        return writes.submit(sql -> life.leave(sql, channelId, participant));
    }

    @Override
    public CompletableFuture<Channel> rename(String channelId, String name) {
        return writes.submit(sql -> life.rename(sql, channelId, name));
    }

    @Override
    public CompletableFuture<Channel> setTopic(String channelId, String topic) {
        return writes.submit(sql -> life.setTopic(sql, channelId, topic));
    }

    @Override
    public CompletableFuture<Channel> setArchived(String channelId, boolean archived) {
        return writes.submit(sql -> life.setArchived(sql, channelId, archived));
    }

    @Override
    public CompletableFuture<Channel> delete(String channelId) {
        return writes.submit(sql -> life.delete(sql, channelId));
    }

    @Override
    public List<Channel> channelsOf(String participant) {
        return reads.read(sql -> sql.list(SELECT + "JOIN members mb ON mb.channel_id = c.channel_id "
                + "WHERE mb.participant = ? ORDER BY c.name", SqliteChannels::map, participant));
    }

    @Override
    public List<String> members(String channelId) {
        return reads.read(sql -> sql.list("SELECT participant FROM members WHERE channel_id = ? ORDER BY participant",
                row -> row.getString(1), channelId));
    }

    @Override
    public boolean isMember(String channelId, String participant) {
        return reads.read(sql -> sql.number("SELECT count(*) FROM members WHERE channel_id = ? AND participant = ?",
                channelId, participant) > 0);
    }

    @Override
    public CompletableFuture<ChannelCreation> create(String name, String createdBy, String topic) {
        String normalized = Vocabulary.channelName(name);
        if (normalized.isEmpty()) {
            return CompletableFuture.failedFuture(new StoreException.Invalid("channel name is empty"));
        }
        return writes.submit(sql -> {
            Optional<Channel> existing = sql.one(SELECT + "WHERE c.name = ?", SqliteChannels::map, normalized);
            if (existing.isPresent()) {
                return new ChannelCreation(existing.get(), false);
            }
            if (createdBy != null) {
                Membership.requireParticipant(sql, createdBy);
            }
            String id = insert(sql, normalized, Vocabulary.GROUP, createdBy, topic, false);
            if (createdBy != null) {
                Membership.join(sql, id, createdBy, clock.next());
            }
            return new ChannelCreation(byId(sql, id), true);
        });
    }

    @Override
    public CompletableFuture<Channel> join(String channel, String participant) {
        return writes.submit(sql -> {
            Channel found = find(sql, channel).orElseThrow(() -> new StoreException.ChannelNotFound(channel));
            Membership.joinByChoice(sql, found, participant, clock.next());
            return found;
        });
    }

    @Override
    public CompletableFuture<Channel> dm(String a, String b) {
        String name = Vocabulary.dmName(a, b);
        return writes.submit(sql -> {
            Membership.requireParticipant(sql, a);
            Membership.requireParticipant(sql, b);
            Optional<Channel> existing = sql.one(SELECT + "WHERE c.name = ?", SqliteChannels::map, name);
            String id = existing.isPresent() ? existing.get().channelId()
                    : insert(sql, name, Vocabulary.DM, a, "", true);
            String now = clock.next();
            Membership.join(sql, id, a, now);
            Membership.join(sql, id, b, now);
            return byId(sql, id);
        });
    }

    private String insert(Sql sql, String name, String type, String createdBy, String topic, boolean isPrivate)
            throws SQLException {
        String id;
        do {
            id = Ids.channelId();
        } while (sql.number("SELECT count(*) FROM channels WHERE channel_id = ?", id) > 0);
        String now = clock.next();
        sql.update("INSERT INTO channels(channel_id, name, channel_type, created_by, topic, is_private, created_at, "
                + "last_activity) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, name, type, createdBy, topic == null ? "" : topic, isPrivate, now, now);
        sql.emit(new StoreEvent.ChannelCreated(byId(sql, id)));
        return id;
    }

    @Override
    public LoopGuardState loopGuard(String channelId) {
        return reads.read(sql -> loopGuard(sql, channelId));
    }

    @Override
    public CompletableFuture<LoopGuardState> setLoopGuard(String channelId, Integer limit) {
        return writes.submit(sql -> {
            if (sql.update("UPDATE channels SET loop_limit = ? WHERE channel_id = ?", limit, channelId) == 0) {
                throw new StoreException.ChannelNotFound(channelId);
            }
            return loopGuard(sql, channelId);
        });
    }

    private static LoopGuardState loopGuard(Sql sql, String channelId) throws SQLException {
        return sql.one("SELECT loop_limit, agent_streak, loop_tripped_at FROM channels WHERE channel_id = ?",
                row -> new LoopGuardState(channelId, row.getObject(1) == null ? null : row.getInt(1), row.getInt(2),
                        row.getString(3)), channelId)
                .orElseThrow(() -> new StoreException.ChannelNotFound(channelId));
    }

    static Optional<Channel> find(Sql sql, String channel) throws SQLException {
        return sql.one(BY_ID_OR_NAME, SqliteChannels::map, channel);
    }

    private static Channel byId(Sql sql, String channelId) throws SQLException {
        return sql.one(SELECT + "WHERE c.channel_id = ?", SqliteChannels::map, channelId).orElseThrow();
    }

    static Channel map(ResultSet row) throws SQLException {
        return new Channel(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getInt(6) != 0, row.getString(7), row.getString(8), row.getLong(9), row.getString(10));
    }
}
