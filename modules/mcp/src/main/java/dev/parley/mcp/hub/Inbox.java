package dev.parley.mcp.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Messages the hub delivered to this participant that the agent has not been handed yet, in arrival
 * order, and the latest presence news. The socket thread adds; tool threads take, blocking until
 * something matching arrives (this object's monitor).
 *
 * <p>Each message is handed over once: a copy the hub replays after a reconnect (anything not acked
 * yet) is recognised by its channel's {@code seq} and dropped.
 *
 * <p>Memory is bounded: past {@code capacity} waiting messages, arrivals are dropped (not recorded as
 * seen) until the agent has taken everything; then {@link #resyncDue()} asks for a reconnect, and the
 * hub, which still counts the dropped messages pending, replays them in order.
 */
public final class Inbox {
    /** Default capacity; {@code -Dparley.mcp.inboxCapacity=N} changes it. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final List<ObjectNode> waiting = new LinkedList<>();
    private boolean overflowed;
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final Map<String, String> presence = new HashMap<>();

    public Inbox(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** What a wait produced: the messages taken, or why it stopped early, or neither on timeout. */
    public record Taken(List<ObjectNode> messages, String abortedBecause) {
        public boolean timedOut() {
            return messages.isEmpty() && abortedBecause == null;
        }
    }

    /**
     * Adds a delivered message ({@code message} frame or {@code queued} element).
     *
     * @return false for a copy of one already received, or when full
     */
    public synchronized boolean offer(ObjectNode message) {
        if (overflowed || waiting.size() >= capacity) {
            overflowed = true; // from here on drop everything, so each channel's order survives the resync
            return false;
        }
        String channel = message.path("channel_id").asText();
        long seq = message.path("seq").asLong(-1);
        if (seq >= 0) {
            Long last = lastSeq.get(channel);
            if (last != null && seq <= last) {
                return false;
            }
            lastSeq.put(channel, seq);
        }
        message.remove("type");
        waiting.add(message);
        notifyAll();
        return true;
    }

    /** A message was edited: a waiting copy takes the new body. */
    public synchronized void edited(ObjectNode message) {
        String id = message.path("message_id").asText();
        for (int i = 0; i < waiting.size(); i++) {
            if (waiting.get(i).path("message_id").asText().equals(id)) {
                message.remove("type");
                waiting.set(i, message);
            }
        }
    }

    /** A message was deleted: a waiting copy is dropped (the hub no longer counts it pending). */
    public synchronized void deleted(String messageId) {
        waiting.removeIf(m -> m.path("message_id").asText().equals(messageId));
    }

    /** A participant went online or offline. */
    public synchronized void presence(String participant, String status) {
        presence.put(participant, status);
        notifyAll();
    }

    /** The latest presence news about a participant, or null. */
    public synchronized String presenceOf(String participant) {
        return presence.get(participant);
    }

    /** How many messages wait to be handed over. */
    public synchronized int size() {
        return waiting.size();
    }

    /**
     * Takes up to {@code max} waiting messages that match, oldest first, waiting until at least one
     * arrives, the deadline passes, or {@code abort} names a reason to stop (checked on every change).
     */
    public synchronized Taken take(Predicate<JsonNode> match, int max, long deadlineNanos, Supplier<String> abort) {
        while (true) {
            List<ObjectNode> taken = new ArrayList<>();
            Iterator<ObjectNode> it = waiting.iterator();
            while (it.hasNext() && taken.size() < max) {
                ObjectNode message = it.next();
                if (match.test(message)) {
                    taken.add(message);
                    it.remove();
                }
            }
            if (!taken.isEmpty()) {
                return new Taken(taken, null);
            }
            String reason = abort.get();
            if (reason != null) {
                return new Taken(List.of(), reason);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (millis <= 0) {
                return new Taken(List.of(), null);
            }
            try {
                wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Taken(List.of(), "interrupted");
            }
        }
    }

    /**
     * True once, when messages were dropped for lack of room and the agent has now taken all the
     * others: time to reconnect so the hub replays the dropped ones.
     */
    public synchronized boolean resyncDue() {
        if (overflowed && waiting.isEmpty()) {
            overflowed = false;
            return true;
        }
        return false;
    }

    /** Wakes waiters so they re-check their abort condition. */
    public synchronized void nudge() {
        notifyAll();
    }
}
