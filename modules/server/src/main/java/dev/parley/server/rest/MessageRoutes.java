package dev.parley.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.HubServices;
import dev.parley.server.conversation.Conversations;
import dev.parley.server.conversation.MessageInput;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.MessagePages;
import dev.parley.store.NewMessage;
import dev.parley.store.ReactionChange;
import dev.parley.store.Reader;
import dev.parley.store.StoredMessage;
import dev.parley.store.Timestamps;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Messages over REST: history, one message, search, send, and the extensions (edit, delete,
 * react, thread).
 *
 * <pre>curl -X POST localhost:9700/api/send -d '{"sender":"bot","channel":"general","body":"hi"}'</pre>
 */
final class MessageRoutes {
    private final HubServices hub;
    private final Conversations conversations;
    private final RestAccess access;
    private final MessageInput input;

    MessageRoutes(HubServices hub, RestAccess access) {
        this.hub = hub;
        this.conversations = hub.conversations();
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
        String channel = ctx.pathParam("channel");
        Long afterSeq = Requests.longParam(ctx, "after_seq");
        List<StoredMessage> messages = (afterSeq != null
                ? conversations.after(reader, channel, afterSeq, Requests.limit(ctx, 50, 1000))
                : conversations.history(reader, channel, Requests.limit(ctx, 50, 200), before(ctx))).messages();
        if (MessagePages.cutBySize(messages)) {
            ctx.header("X-Parley-Has-More", "true"); // the array keeps its compat shape; page on with before/after_seq
        }
        ctx.json(WireFormat.rows(messages));
    }

    private void one(Context ctx) {
        Conversations.MessageView view = conversations.messageWithReactions(access.reader(ctx, null),
                ctx.pathParam("id"));
        ArrayNode reactions = WireFormat.reactions(view.reactions());
        ctx.contentType(ContentType.APPLICATION_JSON).result(WireFormat.row(view.message(), out -> {
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
        ctx.json(WireFormat.rows(conversations.search(reader, q, participant, Requests.limit(ctx, 50, 200))));
    }

    private void thread(Context ctx) {
        ctx.json(WireFormat.rows(conversations.thread(access.reader(ctx, null), ctx.pathParam("id"))));
    }

    private void send(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String sender = body.requiredString("sender", ErrorCode.BAD_FIELD);
        String channel = body.requiredString("channel", ErrorCode.BAD_FIELD);
        MessageInput.Checked checked = input.check(body);
        access.read(ctx); // the hub token first, as for any request
        // Checked before the sender is registered (a new sender registers with this send), so a refused send leaves
        // no registration behind. (Nothing is revealed: a new name reads public content only.)
        NewMessage message = conversations.compose(sender, channel, checked);
        CompletableFuture<String> registered = access.actAsRegistering(ctx, sender, body);
        // The writes run on the store's writer; this request thread is released until they are durable.
        ctx.future(() -> registered.thenCompose(issuedKey -> conversations.post(message).thenAccept(appended -> {
            String answer = WireFormat.row(appended.message(), out -> {
                if (issuedKey != null) {
                    out.writeStringField("key", issuedKey);
                }
            });
            ctx.status(appended.duplicate() ? 200 : 201).contentType(ContentType.APPLICATION_JSON).result(answer);
        })));
    }

    /** Edits, deletes and reactions reach the members' sessions through the store's events; here they are answered. */
    private void edit(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String participant = access.actAs(ctx, body.requiredString("participant", ErrorCode.BAD_FIELD), body);
        String text = input.body(body);
        CompletableFuture<StoredMessage> edited = conversations.edit(participant, ctx.pathParam("id"), text);
        ctx.future(() -> edited.thenAccept(m -> ctx.json(WireFormat.row(m))));
    }

    private void delete(Context ctx) {
        String name = ctx.queryParam("participant");
        if (name == null || name.isBlank()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'participant' is required");
        }
        String participant = access.actAs(ctx, name, null);
        CompletableFuture<StoredMessage> deleted = conversations.delete(participant, ctx.pathParam("id"));
        ctx.future(() -> deleted.thenAccept(m -> ctx.json(WireFormat.row(m))));
    }

    /** Toggles a reaction (as the reference's later versions do), or sets it with {@code remove: true/false}. */
    private void react(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String participant = access.actAs(ctx, body.requiredString("participant", ErrorCode.BAD_FIELD), body);
        String messageId = body.requiredString("message_id", ErrorCode.BAD_FIELD);
        String emoji = input.emoji(body);
        Boolean remove = body.bool("remove");
        CompletableFuture<ReactionChange> reacted = conversations.react(participant, messageId, emoji,
                remove == null ? null : !remove);
        ctx.future(() -> reacted.thenAccept(change -> {
            ObjectNode answer = WireFormat.object().put("message_id", change.message().messageId())
                    .put("emoji", emoji).put("participant", participant)
                    .put("action", change.added() ? "add" : "remove").put("changed", change.changed());
            answer.set("reactions", WireFormat.reactions(change.reactions()));
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
