package dev.parley.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Requests waiting for their reply (the first message whose {@code reply_to} is the request's id).
 *
 * <p>A waiter is normally registered on the reader thread as the request's {@code sent} arrives,
 * which is before any reply can (the hub queues {@code sent} before it can have fanned out the
 * reply). Two paths break that order — a compat send over REST, and a reconnect where the reply is
 * replayed before the resent request's {@code sent} — so recent unclaimed replies are also kept in a
 * small window and matched when the waiter registers. Thread-safe.
 */
final class Replies {
    private static final int WINDOW = 256;

    private final Map<String, CompletableFuture<Message>> waiting = new LinkedHashMap<>();
    private final LinkedHashMap<String, Message> unclaimed = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Message> eldest) {
            return size() > WINDOW;
        }
    };

    /** Waits for the reply to {@code requestId}. */
    void expect(String requestId, CompletableFuture<Message> reply) {
        Message early;
        synchronized (this) {
            early = unclaimed.remove(requestId);
            if (early == null) {
                waiting.put(requestId, reply);
            }
        }
        if (early != null) {
            reply.complete(early);
        }
    }

    /** Stops waiting (timeout, failure). */
    synchronized void cancel(String requestId) {
        waiting.remove(requestId);
    }

    /** A message arrived: true if it was the reply a request waited for (it is then not surfaced). */
    boolean claim(Message message) {
        if (message.replyTo() == null) {
            return false;
        }
        CompletableFuture<Message> reply;
        synchronized (this) {
            reply = waiting.remove(message.replyTo());
            if (reply == null) {
                unclaimed.put(message.replyTo(), message);
                return false;
            }
        }
        reply.complete(message);
        return true;
    }
}
