package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.transport.FrameSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends that the hub has not confirmed yet ({@code acked_send}), keyed by their {@code client_msg_id}.
 *
 * <p>A send is written at once when a connection is attached, and otherwise waits. Whenever a new
 * connection is attached, every unconfirmed send is written again, in the order they were first
 * made, with its original {@code client_msg_id}: the hub stores each id once and answers a resend
 * with the same {@code sent}, so a send lost in flight is stored once and a send that was stored
 * before the connection dropped is not stored twice.
 *
 * <p>Thread-safe: senders on any thread, {@code sent}/errors on the reader thread. The lock is held
 * only to update the map and queue writes (which never block), so resends cannot interleave with new
 * sends and a connection sees this client's sends in the order they were made.
 */
final class Outbox {
    private record Pending(String clientMsgId, SendRequest request, String frame, CompletableFuture<Message> result,
                           Consumer<Message> onStored) {}

    private final String sender;
    private final Function<String, String> channelNames;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private FrameSocket attached;

    /**
     * @param channelNames channel reference (name or id) to the channel's name, as far as known
     */
    Outbox(String sender, Function<String, String> channelNames) {
        this.sender = sender;
        this.channelNames = channelNames;
    }

    /** A fresh {@code client_msg_id}. */
    static String newClientMsgId() {
        return "c-" + UUID.randomUUID();
    }

    /**
     * Queues a send.
     *
     * @param onStored runs on the reader thread with the stored message before the result completes
     *                 (request/reply registers its reply waiter there, ahead of any reply frame)
     */
    CompletableFuture<Message> submit(SendRequest request, Consumer<Message> onStored) {
        String clientMsgId = newClientMsgId();
        Pending send = new Pending(clientMsgId, request, frame(request, clientMsgId), new CompletableFuture<>(), onStored);
        synchronized (this) {
            pending.put(clientMsgId, send);
            if (attached != null) {
                attached.send(send.frame());
            }
        }
        return send.result();
    }

    /** A connection is ready: resend everything unconfirmed, then write new sends to it. */
    synchronized void attach(FrameSocket connection) {
        attached = connection;
        pending.values().forEach(send -> connection.send(send.frame()));
    }

    /** The connection is gone: hold new sends until the next one. */
    synchronized void detach(FrameSocket connection) {
        if (attached == connection) {
            attached = null;
        }
    }

    /** How many sends wait for the hub's confirmation. */
    synchronized int size() {
        return pending.size();
    }

    /** A {@code sent} frame: completes its send with the stored message. */
    void sent(JsonNode frame) {
        Pending send;
        synchronized (this) {
            send = pending.remove(Wire.string(frame, "client_msg_id"));
        }
        if (send == null) {
            return; // a duplicate answer to a resend that raced the first answer
        }
        String reference = send.request().channel();
        String name = channelNames.apply(reference);
        Message stored = Wire.sentMessage(sender, send.request(), frame, name);
        if (send.onStored() != null) {
            send.onStored().accept(stored);
        }
        send.result().complete(stored);
    }

    /** An error that echoes a {@code client_msg_id}: fails that send. False if none matched. */
    boolean failed(String clientMsgId, ParleyException error) {
        Pending send;
        synchronized (this) {
            send = clientMsgId == null ? null : pending.remove(clientMsgId);
        }
        if (send == null) {
            return false;
        }
        send.result().completeExceptionally(error);
        return true;
    }

    /** Writes one unconfirmed send again (after {@code rate_limited}); false if it is no longer pending. */
    synchronized boolean resend(String clientMsgId) {
        Pending send = pending.get(clientMsgId);
        if (send == null) {
            return false;
        }
        if (attached != null) {
            attached.send(send.frame());
        }
        return true;
    }

    /** Fails every unconfirmed send (the client closed). */
    void failAll(ParleyException error) {
        List<Pending> failed;
        synchronized (this) {
            failed = new ArrayList<>(pending.values());
            pending.clear();
            attached = null;
        }
        failed.forEach(send -> send.result().completeExceptionally(error));
    }

    private static String frame(SendRequest request, String clientMsgId) {
        ObjectNode frame = Wire.frame("send").put("channel", request.channel()).put("body", request.body())
                .put("client_msg_id", clientMsgId);
        if (request.messageType() != null) {
            frame.put("message_type", request.messageType());
        }
        if (request.priority() != null) {
            frame.put("priority", request.priority());
        }
        if (request.replyTo() != null) {
            frame.put("reply_to", request.replyTo());
        }
        if (request.to() != null) {
            frame.put("to", request.to());
        }
        if (request.metadata() != null) {
            frame.set("metadata", Wire.tree(request.metadata()));
        }
        return Wire.text(frame);
    }
}
