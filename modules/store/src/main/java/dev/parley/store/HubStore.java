package dev.parley.store;

import dev.parley.schema.MigrationSource;
import dev.parley.schema.Migrations;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's storage, opened on one database file: schema brought up to date, one writer
 * ({@link WriteQueue}), a few readers, and the stores on top of them.
 *
 * <pre>{@code
 * try (HubStore store = HubStore.open(Path.of("parley.db"))) {
 *     store.participants().register(Registration.of("alice")).join();
 *     store.messages().append(NewMessage.text("ch-general", "alice", "hi")).join();
 * }
 * }</pre>
 *
 * <p>Threads: reads run on the calling thread, on a borrowed reader connection, and return values;
 * writes return futures completed (on the store's completion thread, in commit order) once durable.
 * A store is safe to use from any number of threads. Exactly one HubStore may be open on a file
 * (the hub's lock file guarantees it); it owns every connection it opened until {@link #close()}.
 */
public final class HubStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HubStore.class);

    /**
     * Sizes of the store's resources.
     *
     * @param readers read connections
     * @param queueCapacity writes that may wait before new ones are refused
     * @param maxBatch the most writes one transaction holds
     * @param queueBytes bytes the waiting writes may hold before new ones are refused
     * @param loopGuard agent messages in a row, with no human's, a channel takes before agent sends are refused
     *                  there (0: off; a channel may set its own)
     */
    public record Options(int readers, int queueCapacity, int maxBatch, long queueBytes, int loopGuard) {
        /** Agent messages in a row, with no human's, a channel takes before the loop guard trips. */
        public static final int DEFAULT_LOOP_GUARD = 50;
        /** 4 readers, 100,000 queued writes holding at most 64 MiB, 1,000 writes per transaction, loop guard 50. */
        public static final Options DEFAULTS = new Options(4, WriteQueue.DEFAULT_CAPACITY, WriteQueue.DEFAULT_MAX_BATCH,
                WriteQueue.DEFAULT_MAX_BYTES, DEFAULT_LOOP_GUARD);

        public Options(int readers, int queueCapacity, int maxBatch) {
            this(readers, queueCapacity, maxBatch, WriteQueue.DEFAULT_MAX_BYTES, DEFAULT_LOOP_GUARD);
        }

        public Options(int readers, int queueCapacity, int maxBatch, long queueBytes) {
            this(readers, queueCapacity, maxBatch, queueBytes, DEFAULT_LOOP_GUARD);
        }
    }

    private final WriteQueue writes;
    private final ReaderPool reads;
    private final Participants participants;
    private final Channels channels;
    private final Messages messages;
    private final Cursors cursors;
    private final HubSettings settings;
    private final HubTokens hubTokens;
    private final Claims claims;
    private final Questions questions;
    private final Profiles profiles;
    private final Attachments attachments;
    private final StoreEventBus events = new StoreEventBus();

    private HubStore(WriteQueue writes, ReaderPool reads, MonotonicClock clock, int loopGuard) {
        this.writes = writes;
        writes.publishTo(events);
        this.reads = reads;
        this.participants = new SqliteParticipants(writes, reads, clock);
        this.channels = new SqliteChannels(writes, reads, clock);
        SqliteMessages sqliteMessages = new SqliteMessages(writes, reads, clock, loopGuard);
        this.messages = sqliteMessages;
        this.cursors = new SqliteCursors(writes, reads, clock);
        this.settings = new HubSettings(writes, reads);
        this.hubTokens = new HubTokens(writes, reads);
        this.claims = new Claims(writes, reads, sqliteMessages);
        this.questions = new Questions(writes, reads, sqliteMessages);
        this.profiles = new Profiles(writes, reads);
        this.attachments = new Attachments(writes, reads, sqliteMessages);
    }

    /** Opens the store with {@link Options#DEFAULTS}. */
    public static HubStore open(Path file) throws SQLException {
        return open(file, Options.DEFAULTS);
    }

    /**
     * Opens the store: applies pending migrations from the class path, then starts the writer and
     * readers. A new database file is created 0600, and looser files are tightened ({@link PrivateFiles}).
     */
    public static HubStore open(Path file, Options options) throws SQLException {
        Database database = new Database(file);
        createPrivately(database.file());
        Connection writer = database.openWriter();
        WriteQueue writes = null;
        try {
            List<String> applied = new Migrations(MigrationSource.classpath()).apply(writer);
            if (!applied.isEmpty()) {
                log.info("applied migrations {}", applied);
            }
            tightenPrivately(database.file()); // -wal and -shm exist by now
            MonotonicClock clock = new MonotonicClock();
            clock.advancePast(newestActivity(writer));
            writes = new WriteQueue(writer, database, options.queueCapacity(), options.queueBytes(), options.maxBatch());
            return new HubStore(writes, new ReaderPool(database, options.readers()), clock, options.loopGuard());
        } catch (SQLException | RuntimeException e) {
            if (writes != null) {
                writes.close();
            } else {
                writer.close();
            }
            throw e;
        }
    }

    private static void createPrivately(Path file) throws SQLException {
        try {
            PrivateFiles.createFolders(file.getParent());
            PrivateFiles.createFile(file);
        } catch (IOException e) {
            throw new SQLException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    private static void tightenPrivately(Path file) throws SQLException {
        try {
            PrivateFiles.tighten(file);
        } catch (IOException e) {
            throw new SQLException("cannot restrict the permissions of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every append sets its channel's last_activity to the message's created_at; so this is the newest time. */
    private static String newestActivity(Connection writer) throws SQLException {
        try (Statement statement = writer.createStatement();
             ResultSet row = statement.executeQuery("SELECT max(last_activity) FROM channels")) {
            return row.next() ? row.getString(1) : null;
        }
    }

    /** Participants and their keys. */
    public Participants participants() {
        return participants;
    }

    /** Channels and membership. */
    public Channels channels() {
        return channels;
    }

    /** Messages, search, edits, reactions. */
    public Messages messages() {
        return messages;
    }

    /** Delivery and read state. */
    public Cursors cursors() {
        return cursors;
    }

    /** Hub-wide settings. */
    public HubSettings settings() {
        return settings;
    }

    /** The hub tokens' hashes. */
    public HubTokens hubTokens() {
        return hubTokens;
    }

    /**
     * The numbers /health shows. {@code messages} is the sum of the channels' last seq (every
     * append adds exactly one row and one seq), so it costs one row per channel, not per message;
     * {@code queued} is exact and costs about one row per member plus one per message behind the
     * slowest member of each channel (see {@link PendingTally}).
     */
    public HubCounts counts() {
        return reads.read(sql -> new HubCounts(
                sql.number("SELECT count(*) FROM participants"),
                sql.number("SELECT count(*) FROM channels"),
                sql.number("SELECT coalesce(sum(last_seq), 0) FROM channels"),
                PendingTally.total(sql)));
    }

    /** Whether writes currently work, for /health: degraded while the disk is full or the file unwritable. */
    public StoreHealth health() {
        return writes.health();
    }

    /** Files posted to channels, content-addressed. */
    public Attachments attachments() {
        return attachments;
    }

    /** Claims (leases) on resources. */
    public Claims claims() {
        return claims;
    }

    /** Questions put to humans, and their answers. */
    public Questions questions() {
        return questions;
    }

    /** What participants say about themselves, and finding them by it. */
    public Profiles profiles() {
        return profiles;
    }

    /** The write queue's counters, for /metrics. */
    public WriteStats writeStats() {
        return writes.stats();
    }

    /** Where the latest commits' time went, stage by stage, for /metrics. */
    public CommitTimings commitTimings() {
        return writes.timings();
    }

    /** This database's history epoch ({@link HistoryEpoch}), made and stored now if it has none yet. */
    public String historyEpoch() {
        HubSettings settings = settings();
        return settings.get(HistoryEpoch.KEY).orElseGet(() -> {
            String epoch = HistoryEpoch.fresh();
            settings.put(HistoryEpoch.KEY, epoch).join();
            return epoch;
        });
    }

    /**
     * Adds a listener to the store's one event stream ({@link StoreEvent}): every committed change, on the
     * completion thread, in commit order, each task's events right before its future completes, then
     * {@link StoreEventListener#commitEnded} once per commit. Listeners hear each event in the order they subscribed.
     */
    public void subscribe(StoreEventListener listener) {
        events.subscribe(listener);
    }

    /** Bytes the queued writes hold (see {@link WriteQueue#queuedBytes()}), for /metrics. */
    public long writeQueueBytes() {
        return writes.queuedBytes();
    }

    /** The writer, for tests that need to run raw tasks in the write transaction. */
    WriteQueue writes() {
        return writes;
    }

    /** Runs a raw read, for tests. */
    <T> T read(SqlTask<T> task) {
        return reads.read(task);
    }

    /** Finishes queued writes, checkpoints the WAL, and closes every connection. */
    @Override
    public void close() {
        writes.close();
        reads.close();
    }
}
