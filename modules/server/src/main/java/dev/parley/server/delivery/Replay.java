package dev.parley.server.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Features;
import dev.parley.server.conversation.ReadRule;
import dev.parley.server.session.Feed;
import dev.parley.server.session.Session;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Channel;
import dev.parley.store.Cursors;
import dev.parley.store.MessagePages;
import dev.parley.store.Messages;
import dev.parley.store.PendingPosition;
import dev.parley.store.Reader;
import dev.parley.store.StoredMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session missed, sent right after {@code auth_ok}, in order and in pages, before any live
 * message (the session's {@link Feed} holds live ones, and the answers to its later frames, back meanwhile).
 *
 * <ul>
 *   <li>Compat clients get everything pending as {@code queued} frames of up to {@value #PAGE}
 *       messages and about 1 Mi chars of text ({@link MessagePages}); a page counts as delivered only once it was
 *       written to the socket.</li>
 *   <li>Clients with {@code resume} get {@code message} frames: for each channel they name, every
 *       message after the seq they give; for the others, what is pending. Then one {@code resumed}
 *       frame says, per channel, what was replayed, or why a position could not be served.</li>
 * </ul>
 *
 * <p>No request thread runs or waits for a replay: {@link #start} returns at once, and the replay runs as steps on
 * its own {@value #THREADS} threads, which read pages from the store. A backlog may be far longer than the
 * session's outbound queue, so the replay goes at the client's pace — and while the queue is more than half full
 * it holds no thread at all: it parks itself on {@link Session#whenRoom} and the session's writer wakes it. A
 * client that takes nothing for {@link #STALL} is closed as too slow.
 */
public final class Replay implements AutoCloseable {
    static final int PAGE = 500;
    /** How long the replay waits for a client to take frames before closing it as too slow. */
    static final Duration STALL = Duration.ofSeconds(30);
    /** Threads that read and queue replay pages, shared by every session. */
    static final int THREADS = 2;
    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    private final Cursors cursors;
    private final Messages messages;
    private final ReadRule reads;
    private final DeliveryTracker tracker;
    private final String epoch;
    private final ExecutorService steps;
    private final ScheduledExecutorService stallTimer;

    /** @param epoch the database's history epoch: positions from another are not positions here */
    public Replay(Cursors cursors, Messages messages, ReadRule reads, DeliveryTracker tracker, String epoch) {
        this.cursors = cursors;
        this.messages = messages;
        this.reads = reads;
        this.tracker = tracker;
        this.epoch = epoch;
        AtomicInteger threads = new AtomicInteger();
        this.steps = Executors.newFixedThreadPool(THREADS, r -> daemon(r, "parley-replay-" + threads.incrementAndGet()));
        this.stallTimer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "parley-replay-stalls"));
    }

    /**
     * Starts sending what the session missed; returns at once. When it is done the session's held live messages
     * (and answers) are released.
     *
     * @param resumeFrom  for resuming clients, channel (id or name) → last seq seen; null otherwise
     * @param clientEpoch the history epoch those positions are from, or null when the client names none
     */
    public void start(Session session, Map<String, Long> resumeFrom, String clientEpoch) {
        session.feed().beginReplay();
        Job job = new Job(session, resumeFrom != null && session.has(Features.RESUME) ? resumeFrom : null,
                clientEpoch);
        // What an earlier socket of this participant wrote must be on record first, or it is replayed again.
        tracker.flush(session.participant()).whenComplete((done, failure) -> job.schedule());
    }

    @Override
    public void close() {
        steps.shutdownNow();
        stallTimer.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** One session's replay: a queue of sources of pages, worked off in steps. */
    private final class Job {
        private final Session session;
        private final String name;
        private final boolean asMessages;
        private final boolean countOnWrite;
        private final Queue<Source> sources = new ArrayDeque<>();
        private ObjectNode resumed;
        /** Frames of the current page still to queue. */
        private final Queue<StoredMessage> page = new ArrayDeque<>();
        /** Bumped by every frame queued: the stall timer compares it. */
        private volatile long progress;
        /** The stall check of the current park, cancelled when the session has room again. */
        private volatile ScheduledFuture<?> stall;

        /** What the first step plans from (on a replay thread: planning reads channels). */
        private final Map<String, Long> resumeFrom;
        private final String clientEpoch;
        private boolean planned;

        Job(Session session, Map<String, Long> resumeFrom, String clientEpoch) {
            this.session = session;
            this.name = session.participant();
            this.asMessages = resumeFrom != null || session.has(Features.RESUME) || session.has(Features.DELIVERY_ACK);
            this.countOnWrite = !session.has(Features.DELIVERY_ACK);
            this.resumeFrom = resumeFrom;
            this.clientEpoch = clientEpoch;
        }

        private void plan() {
            planned = true;
            if (resumeFrom != null) {
                plan(resumeFrom, clientEpoch);
            } else {
                sources.add(new Pending(Set.of()));
            }
        }

        /** The resume's report is built as the channels are looked at (each channel's line when it is planned). */
        private void plan(Map<String, Long> resumeFrom, String clientEpoch) {
            resumed = WireFormat.frame("resumed");
            resumed.put("epoch", epoch);
            // Positions from another line of history (a restored backup, a replaced database) name other messages.
            boolean foreign = clientEpoch != null && !clientEpoch.equals(epoch);
            ObjectNode report = resumed.putObject("channels");
            Set<String> resumedChannels = new HashSet<>();
            for (Map.Entry<String, Long> entry : resumeFrom.entrySet()) {
                // A channel the participant may not read (another pair's DM) is reported like a missing one.
                Channel channel = reads.findChannel(Reader.named(name), entry.getKey()).orElse(null);
                ObjectNode line = report.putObject(entry.getKey());
                if (channel == null || !reads.isMember(Reader.named(name), channel)) {
                    line.put("status", "unavailable").put("reason", channel == null ? "no such channel" : "not a member");
                    continue;
                }
                long from = entry.getValue();
                if (foreign) {
                    // Not resumed: what is pending for the participant there comes with the other channels.
                    line.put("status", "reset").put("last_seq", channel.lastSeq()).put("reason", "epoch_changed: "
                            + "this hub's history (epoch " + epoch + ") is not the one position " + from + " is from ("
                            + clientEpoch + "): a backup was restored or the database replaced; start again from "
                            + "last_seq");
                    continue;
                }
                if (from > channel.lastSeq()) {
                    // The client has seen more than this hub holds (e.g. the hub was restored from a backup).
                    line.put("status", "reset").put("last_seq", channel.lastSeq())
                            .put("reason", "position " + from + " is beyond the channel's last seq");
                    continue;
                }
                resumedChannels.add(channel.channelId());
                line.put("status", "ok").put("channel_id", channel.channelId()).put("from_seq", from);
                // to_seq: set when the channel's replay ends (the last seq replayed, at least the seq seen now).
                line.put("to_seq", Math.max(from, channel.lastSeq()));
                sources.add(new After(channel.channelId(), from, channel.lastSeq(), line));
            }
            // Channels the client did not name: what is pending for it there.
            sources.add(new Pending(resumedChannels));
        }

        void schedule() {
            try {
                steps.execute(this::step);
            } catch (RejectedExecutionException shuttingDown) {
                session.close(1001, "hub shutting down; reconnect to resume");
                session.feed().replayDone();
            }
        }

        /** Queues frames while the session has room; parks on the session when it has none; ends when all is sent. */
        private void step() {
            try {
                if (!planned) {
                    plan();
                }
                while (true) {
                    if (session.isClosed()) {
                        session.feed().replayDone();
                        return;
                    }
                    if (page.isEmpty()) {
                        Source source = sources.peek();
                        if (source == null) {
                            finish();
                            return;
                        }
                        List<StoredMessage> next = source.next();
                        if (next == null) {
                            sources.poll();
                            continue;
                        }
                        page.addAll(next);
                        continue;
                    }
                    if (!roomOrPark()) {
                        return; // woken with the page still here: it goes on as it began, below
                    }
                    // A compat client's page leaves whole as one queued frame, also when the replay had to wait for
                    // room first; a resuming client's as message frames, one per room check.
                    if (asMessages) {
                        sendMessage(page.poll());
                    } else {
                        sendQueued();
                    }
                }
            } catch (RuntimeException e) {
                log.warn("replay to {} failed: {}", name, e.toString());
                session.close(1011, "the replay of what you missed failed; reconnect to resume");
                session.feed().replayDone();
            }
        }

        /** True when the session has room now; otherwise the job is parked until it has (or the client stalled). */
        private boolean roomOrPark() {
            // 0: asking; 1: room came while asking (go on here); 2: parked (the session's writer reschedules us).
            AtomicInteger state = new AtomicInteger();
            long before = progress;
            session.whenRoom(() -> {
                if (!state.compareAndSet(0, 1)) {
                    ScheduledFuture<?> timer = stall;
                    if (timer != null) {
                        timer.cancel(false);
                    }
                    schedule();
                }
            });
            if (!state.compareAndSet(0, 2)) {
                return true;
            }
            stall = stallTimer.schedule(() -> {
                if (progress == before && !session.isClosed() && !session.feed().replayFinished()) {
                    session.close(Session.CLOSE_POLICY, "too slow: the replay of what you missed stalled; "
                            + "reconnect to resume");
                }
            }, STALL.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        }

        private void sendMessage(StoredMessage m) {
            Feed feed = session.feed();
            if (m.seq() <= feed.lastSeq(m.channelId())) {
                return;
            }
            Runnable onWritten = countOnWrite ? () -> tracker.written(name, m.channelId(), m.seq()) : null;
            feed.sendReplay(WireFormat.messageFrame("message", m), onWritten);
            feed.replayed(m.channelId(), m.seq());
            progress++;
        }

        /** The whole current page as one {@code queued} frame (compat clients). */
        private void sendQueued() {
            List<StoredMessage> all = List.copyOf(page);
            page.clear();
            Map<String, Long> highest = new HashMap<>();
            all.forEach(m -> highest.merge(m.channelId(), m.seq(), Math::max));
            ObjectNode frame = WireFormat.frame("queued");
            frame.set("messages", WireFormat.messages(all));
            Feed feed = session.feed();
            feed.sendReplay(WireFormat.text(frame), () -> highest.forEach((channel, seq) -> tracker.written(name, channel, seq)));
            highest.forEach(feed::replayed);
            progress++;
        }

        private void finish() {
            if (resumed != null) {
                session.feed().sendReplay(WireFormat.text(resumed), null);
            }
            session.feed().replayDone();
        }

        /** Pages of one backlog, in order; null once it is exhausted. */
        private interface Source {
            List<StoredMessage> next();
        }

        /** A named channel after a seq: what this participant may read there, not its own. */
        private final class After implements Source {
            private final String channelId;
            private final long seenNow;
            private final ObjectNode line;
            private long last;
            private boolean done;

            After(String channelId, long from, long seenNow, ObjectNode line) {
                this.channelId = channelId;
                this.last = from;
                this.seenNow = seenNow;
                this.line = line;
            }

            @Override
            public List<StoredMessage> next() {
                if (done) {
                    return ended();
                }
                // What this participant may read (targeted at others: left out by the store) ...
                List<StoredMessage> raw = messages.after(channelId, last, Reader.named(name), PAGE);
                if (raw.isEmpty()) {
                    return ended();
                }
                last = raw.get(raw.size() - 1).seq();
                done = last(raw);
                // ... and receives: not its own.
                return raw.stream().filter(m -> m.isFor(name)).toList();
            }

            /** Up to the seq the channel had when we looked, at least: what lies between was not for this reader. */
            private List<StoredMessage> ended() {
                line.put("to_seq", Math.max(last, seenNow));
                return null;
            }
        }

        /** What is pending for the participant, in every channel but the ones resumed by position. */
        private final class Pending implements Source {
            private final Set<String> skip;
            private PendingPosition position = PendingPosition.START;
            private boolean done;

            Pending(Set<String> skip) {
                this.skip = skip;
            }

            @Override
            public List<StoredMessage> next() {
                if (done) {
                    return null;
                }
                List<StoredMessage> raw = cursors.pending(name, position, PAGE);
                if (raw.isEmpty()) {
                    return null;
                }
                position = PendingPosition.after(raw.get(raw.size() - 1));
                done = last(raw);
                return skip.isEmpty() ? raw : raw.stream().filter(m -> !skip.contains(m.channelId())).toList();
            }
        }
    }

    /** A page shorter than {@link #PAGE} ends the backlog, unless the store cut it by size ({@link MessagePages}). */
    private static boolean last(List<StoredMessage> page) {
        return page.size() < PAGE && !MessagePages.cutBySize(page);
    }
}
