package dev.parley.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages waiting for the caller to take them ({@code next}, {@code poll}, {@code drain},
 * {@code take}), oldest first, bounded in count and in bytes.
 *
 * <p>Overflow: once the messages held (waiting here or on their way through the event queue) reach
 * either bound, every arriving message is dropped <em>before</em> the client records it as seen, so
 * its channel position stays below it and nothing is acked past it. When the caller has taken
 * everything held, the client drops its connection; the reconnect names those positions in
 * {@code auth.resume}, and the hub replays the dropped messages in order. Dropping stops at the next
 * {@code auth_ok}. Memory stays bounded; nothing is lost or reordered; the cost is one reconnect per
 * overflow. A message the hub could not replay (no {@code resume}, or no seq) is kept beyond the
 * bounds instead: losing it would be worse.
 *
 * <p>Thread-safe, on this object's monitor: the reader thread checks for room and reserves it, the
 * event thread adds, applies edits and deletes, and wakes takers on every event; any thread takes.
 */
final class Inbox {
    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    /** What a message costs besides its text, about: the record, its strings' headers, the list node. */
    private static final long OVERHEAD_BYTES = 256;

    private final int maxMessages;
    private final long maxBytes;
    private final Consumer<Message> handedOver;
    private final Runnable resync;
    private final LinkedList<Message> waiting = new LinkedList<>();
    private int held;
    private long heldBytes;
    private boolean dropping;

    /**
     * @param handedOver told of each message once the caller took it (or its sender deleted it)
     * @param resync     drops the connection, so the reconnect replays what was dropped
     */
    Inbox(int maxMessages, long maxBytes, Consumer<Message> handedOver, Runnable resync) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.handedOver = handedOver;
        this.resync = resync;
    }

    /**
     * Whether a message may come in (reader thread, before it is recorded as seen). False while
     * dropping; starts dropping when full and the hub can replay the message.
     */
    synchronized boolean hasRoomFor(Message m, boolean replayable) {
        if (dropping) {
            return false;
        }
        boolean full = held >= maxMessages || held > 0 && heldBytes + bytes(m) > maxBytes;
        if (full && replayable) {
            dropping = true;
            log.warn("the inbox is full ({} messages, {} bytes): dropping arrivals until the caller takes what is"
                    + " waiting; the hub replays them after a reconnect", held, heldBytes);
            return false;
        }
        return true;
    }

    /** Counts a message that will be added (reader thread, right after {@link #hasRoomFor}). */
    synchronized void reserve(Message m) {
        held++;
        heldBytes += bytes(m);
    }

    /** A reserved message reached the inbox (event thread). */
    synchronized void add(Message m) {
        waiting.add(m);
        notifyAll();
    }

    /** A new connection authenticated: whatever was dropped is being replayed, so let arrivals in again. */
    synchronized void reconnected() {
        dropping = false;
    }

    /** A waiting copy of an edited message takes the new text. */
    synchronized void edited(Message m) {
        ListIterator<Message> it = waiting.listIterator();
        while (it.hasNext()) {
            Message old = it.next();
            if (old.messageId().equals(m.messageId())) {
                heldBytes += bytes(m) - bytes(old);
                it.set(m);
            }
        }
    }

    /** A waiting copy of a deleted message is dropped, and counts as handed over (the hub stops holding it). */
    void deleted(String messageId) {
        List<Message> removed = new ArrayList<>();
        synchronized (this) {
            Iterator<Message> it = waiting.iterator();
            while (it.hasNext()) {
                Message m = it.next();
                if (m.messageId().equals(messageId)) {
                    it.remove();
                    removed.add(m);
                }
            }
        }
        released(removed);
    }

    /** Wakes takers so they check their stop condition again. */
    synchronized void nudge() {
        notifyAll();
    }

    /** How many messages wait to be taken. */
    synchronized int size() {
        return waiting.size();
    }

    /**
     * Takes up to {@code max} waiting messages that match, oldest first, waiting up to
     * {@code timeoutNanos} for the first; returns early, empty, once {@code stop} is true (checked
     * whenever anything arrives).
     */
    List<Message> take(Predicate<? super Message> match, int max, long timeoutNanos, BooleanSupplier stop)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        List<Message> taken = new ArrayList<>();
        synchronized (this) {
            while (true) {
                Iterator<Message> it = waiting.iterator();
                while (it.hasNext() && taken.size() < max) {
                    Message m = it.next();
                    if (match.test(m)) {
                        taken.add(m);
                        it.remove();
                    }
                }
                long left = deadline - System.nanoTime();
                if (!taken.isEmpty() || stop.getAsBoolean() || left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        released(taken);
        return taken;
    }

    /** Messages left the inbox: hands them over, and resyncs once an overflow has drained. */
    private void released(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        boolean resyncNow;
        synchronized (this) {
            for (Message m : messages) {
                held--;
                heldBytes -= bytes(m);
            }
            resyncNow = dropping && held == 0;
        }
        messages.forEach(handedOver);
        if (resyncNow) {
            log.info("the inbox overflowed and is empty again: reconnecting so the hub replays the dropped messages");
            resync.run();
        }
    }

    /** About what a message holds in memory: its text as UTF-16, plus a fixed overhead. */
    private static long bytes(Message m) {
        long chars = (m.body() == null ? 0 : m.body().length())
                + (m.metadata().isEmpty() ? 0 : m.metadata().toString().length());
        return OVERHEAD_BYTES + 2 * chars;
    }
}
