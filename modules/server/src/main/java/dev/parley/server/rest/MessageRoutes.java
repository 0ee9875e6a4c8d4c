package dev.parley.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Features;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.HubServices;
import dev.parley.server.socket.MessageInput;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Channel;
import dev.parley.store.MessagePages;
import dev.parley.store.NewMessage;
import dev.parley.store.Reader;
import dev.parley.store.StoredMessage;
import dev.parley.store.Timestamps;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * Messages over REST: history, one message, search, send, and the extensions (edit, delete,
 * react, thread).
 *
 * <pre>curl -X POST localhost:9700/api/send -d '{"sender":"bot","channel":"general","body":"hi"}'</pre>
 */
final class MessageRoutes {
    private final HubServices hub;
    private final RestAccess access;
    private final MessageInput input;

    MessageRoutes(HubServices hub, RestAccess access) {
        this.hub = hub;
        this.access = access;
        this.input = new MessageInput(hub.limits());
    }

    void register(RoutesConfig routes) {
        routes.get("/api/messages/{channel}", this::history);
        routes.get("/api/message/{id}", this::one);
        routes.get("/api/search", this::search);
        routes.get("/api/thread/{id}", this::thread);
        routes.post("/api/send", this::send);
        routes.patch("/api/messages/{id}", this::edit);
        routes.delete("/api/messages/{id}", this::delete);
        routes.post("/api/react", this::react);
    }

    private void history(Context ctx) {
        Reader reader = access.reader(ctx, null);
        Channel channel = hub.reads().channel(reader, ctx.pathParam("channel"));
        Long afterSeq = Requests.longParam(ctx, "after_seq");
        List<StoredMessage> messages = afterSeq != null
                ? hub.store().messages().after(channel.channelId(), afterSeq, reader, Requests.limit(ctx, 50, 1000))
                : hub.store().messages().history(channel.channelId(), reader, Requests.limit(ctx, 50, 200), before(ctx));
        if (MessagePages.cutBySize(messages)) {
            ctx.header("X-Parley-Has-More", "true"); // the array keeps its compat shape; page on with before/after_seq
        }
        ctx.json(WireFormat.rows(messages));
    }

    private void one(Context ctx) {
        StoredMessage message = hub.reads().message(access.reader(ctx, null), ctx.pathParam("id"));
        ArrayNode reactions = WireFormat.reactions(hub.store().messages().reactions(message.messageId()));
        ctx.contentType(ContentType.APPLICATION_JSON).result(WireFormat.row(message, out -> {
            out.writeFieldName("reactions");
            out.writeTree(reactions);
        }));
    }

    /**
     * {@code participant} narrows the search to that participant's channels, and names the reader
     * when no {@code X-Parley-Name} does; either way only what the reader may read is found.
     */
    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'q' is required");
        }
        String participant = ctx.queryParam("participant");
        participant = participant == null || participant.isBlank() ? null : participant;
        Reader reader = access.reader(ctx, participant);
        ctx.json(WireFormat.rows(hub.store().messages().search(q, reader, participant, Requests.limit(ctx, 50, 200))));
    }

    private void thread(Context ctx) {
        Reader reader = access.reader(ctx, null);
        ctx.json(WireFormat.rows(hub.store().messages().thread(ctx.pathParam("id"), reader)));
    }

    private void send(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String sender = body.requiredString("sender", ErrorCode.BAD_FIELD);
        String channel = body.requiredString("channel", ErrorCode.BAD_FIELD);
        MessageInput.Checked checked = input.check(body);
        if (hub.store().participants().find(sender).isEmpty()) {
            // A new sender registers with this send: refuse a bad channel or quote first, so a refused
            // send leaves no registration behind. (Nothing is revealed: a new name reads public content only.)
            hub.access().sendable(channel, sender);
            hub.reads().requireQuotable(sender, checked.replyTo());
        }
        String issuedKey = access.actAsRegistering(ctx, sender, body);
        hub.reads().requireQuotable(sender, checked.replyTo());
        // The writes run on the store's writer; this request thread is released until they are durable.
        Channel target = hub.access().sendable(channel, sender);
        ctx.future(() -> hub.access().post(new NewMessage(target.channelId(), sender,
                        checked.body(), checked.messageType(), checked.priority(), checked.replyTo(),
                        checked.metadata(), checked.to(), checked.clientMsgId()))
                .thenAccept(appended -> {
                    String answer = WireFormat.row(appended.message(), out -> {
                        if (issuedKey != null) {
                            out.writeStringField("key", issuedKey);
                        }
                    });
                    ctx.status(appended.duplicate() ? 200 : 201).contentType(ContentType.APPLICATION_JSON)
                            .result(answer);
                }));
    }

    private void edit(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String participant = access.actAs(ctx, body.requiredString("participant", ErrorCode.BAD_FIELD), body);
        String id = hub.reads().message(Reader.named(participant), ctx.pathParam("id")).messageId();
        ctx.future(() -> hub.store().messages().edit(id, participant, input.body(body)).thenAccept(edited -> {
            hub.fanOut().messageEvent(edited, WireFormat.messageFrame("message_edited", edited), Features.EDIT_DELETE);
            ctx.json(WireFormat.row(edited));
        }));
    }

    private void delete(Context ctx) {
        String name = ctx.queryParam("participant");
        if (name == null || name.isBlank()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'participant' is required");
        }
        String participant = access.actAs(ctx, name, null);
        String id = hub.reads().message(Reader.named(participant), ctx.pathParam("id")).messageId();
        ctx.future(() -> hub.store().messages().delete(id, participant).thenAccept(deleted -> {
            hub.fanOut().messageEvent(deleted, WireFormat.text(WireFormat.frame("message_deleted")
                    .put("message_id", deleted.messageId()).put("channel_id", deleted.channelId())
                    .put("seq", deleted.seq()).put("deleted_at", deleted.deletedAt())), Features.EDIT_DELETE);
            ctx.json(WireFormat.row(deleted));
        }));
    }

    /** Toggles a reaction (as the reference's later versions do), or sets it with {@code remove: true/false}. */
    private void react(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String participant = access.actAs(ctx, body.requiredString("participant", ErrorCode.BAD_FIELD), body);
        StoredMessage message = hub.reads().message(Reader.named(participant),
                body.requiredString("message_id", ErrorCode.BAD_FIELD));
        String emoji = input.emoji(body);
        Boolean remove = body.bool("remove");
        boolean add = remove != null ? !remove : hub.store().messages().reactions(message.messageId()).stream()
                .noneMatch(r -> r.participant().equals(participant) && r.emoji().equals(emoji));
        ctx.future(() -> hub.store().messages().react(message.messageId(), participant, emoji, add)
                .thenAccept(changed -> {
                    if (changed) {
                        hub.fanOut().messageEvent(message, WireFormat.text(WireFormat.frame("reaction")
                                .put("message_id", message.messageId()).put("channel_id", message.channelId())
                                .put("participant", participant).put("emoji", emoji)
                                .put("action", add ? "add" : "remove")), Features.REACTIONS);
                    }
                    ObjectNode answer = WireFormat.object().put("message_id", message.messageId()).put("emoji", emoji)
                            .put("participant", participant).put("action", add ? "add" : "remove")
                            .put("changed", changed);
                    answer.set("reactions", WireFormat.reactions(hub.store().messages().reactions(message.messageId())));
                    ctx.json(answer);
                }));
    }

    private static Instant before(Context ctx) {
        String text = ctx.queryParam("before");
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'before' must be an ISO-8601 timestamp");
        }
    }
}
