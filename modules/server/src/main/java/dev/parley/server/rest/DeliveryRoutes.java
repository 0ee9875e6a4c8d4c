package dev.parley.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.HubServices;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Timestamps;
import java.time.Instant;
import java.util.List;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Delivery state over REST, computed from the per-member cursors: pending, unread, per-recipient
 * delivery, and the compat acks. <pre>curl localhost:9700/api/pending/alice</pre>
 */
final class DeliveryRoutes {
    private static final int MAX_PENDING = 5_000;

    private final HubServices hub;
    private final RestAccess access;

    DeliveryRoutes(HubServices hub, RestAccess access) {
        this.hub = hub;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/pending/{participant}", this::pending);
        routes.get("/api/unread/{participant}", this::unread);
        routes.get("/api/delivery/{id}", this::delivery);
        routes.post("/api/ack", this::ack);
        routes.post("/api/ack-all", this::ackAll);
        routes.post("/api/mark-read", this::markRead);
        routes.post("/api/inbox/{participant}", this::inbox);
    }

    private void pending(Context ctx) {
        String participant = access.actAs(ctx, ctx.pathParam("participant"), null);
        int limit = Requests.limit(ctx, MAX_PENDING, MAX_PENDING);
        ctx.json(WireFormat.rows(hub.conversations().pending(participant, limit)));
    }

    /** {@code mark_read}: a channel read up to {@code seq} (default: its newest), one cursor move. */
    private void markRead(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String participant = access.actAs(ctx, body.requiredString("participant", ErrorCode.BAD_FIELD), body);
        String channel = body.requiredString("channel", ErrorCode.BAD_FIELD);
        Long seq = body.integer("seq");
        ctx.future(() -> hub.conversations().markRead(participant, channel, seq).thenAccept(marked -> ctx.json(
                WireFormat.object().put("channel_id", marked.channel().channelId())
                        .put("channel_name", marked.channel().name()).put("seq", marked.seq())
                        .put("moved", marked.moved()))));
    }

    /**
     * The participant's unread messages, oldest first ({@code limit}, default 50), marked read as they are taken: an
     * inbox never shows a message twice. A POST: it changes what the next call returns.
     */
    private void inbox(Context ctx) {
        String participant = access.actAs(ctx, ctx.pathParam("participant"), null);
        int limit = Requests.limit(ctx, 50, MAX_PENDING);
        ctx.future(() -> hub.conversations().takeUnread(participant, limit)
                .thenAccept(messages -> ctx.json(WireFormat.rows(messages))));
    }

    private void unread(Context ctx) {
        String participant = access.actAs(ctx, ctx.pathParam("participant"), null);
        ArrayNode list = WireFormat.object().arrayNode();
        hub.conversations().unread(participant).forEach(u -> list.add(WireFormat.object()
                .put("channel_id", u.channelId()).put("channel_name", u.channelName()).put("unread", u.unread())
                .put("mentions", u.mentions())));
        ctx.json(list);
    }

    /**
     * Who received and read a message, for whoever may read the message (a public one: anyone, as
     * the reference hub did; a DM or targeted one: its members, target and sender only).
     */
    private void delivery(Context ctx) {
        ArrayNode list = WireFormat.object().arrayNode();
        hub.conversations().delivery(access.reader(ctx, null), ctx.pathParam("id")).forEach(d -> list.add(WireFormat.object().put("recipient", d.recipient())
                .put("status", d.status().wireName()).put("delivered_at", d.deliveredAt()).put("read_at", d.readAt())));
        ctx.json(list);
    }

    private void ack(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String recipient = access.actAs(ctx, body.requiredString("recipient", ErrorCode.BAD_FIELD), body);
        if (!body.node().path("message_ids").isArray() || body.node().path("message_ids").isEmpty()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "message_ids is required and must be a list");
        }
        List<String> ids = body.strings("message_ids");
        // The reference counts the ids it was given; how many of them were still unread is ours (ext).
        ctx.future(() -> hub.conversations().ack(recipient, ids).thenAccept(result -> ctx.json(WireFormat.object()
                .put("acknowledged", ids.size()).put("remaining", result.remaining())
                .put("newly_read", result.acknowledged()))));
    }

    private void ackAll(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String recipient = access.actAs(ctx, body.requiredString("recipient", ErrorCode.BAD_FIELD), body);
        String beforeText = body.string("before");
        Instant parsed = null;
        if (beforeText != null && !beforeText.isBlank()) {
            try {
                parsed = Timestamps.parse(beforeText);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(ErrorCode.BAD_FIELD, "'before' must be an ISO-8601 timestamp");
            }
        }
        Instant before = parsed;
        ctx.future(() -> hub.conversations().ackAll(recipient, before).thenAccept(result -> ctx.json(
                WireFormat.object().put("acknowledged", result.acknowledged()).put("remaining", result.remaining()))));
    }
}
