package dev.parley.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FieldLimits;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.Names;
import dev.parley.protocol.wire.WireText;
import dev.parley.server.HubServices;
import dev.parley.server.conversation.Conversations;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Channel;
import dev.parley.store.Reader;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;

/**
 * Channels over REST. {@code GET /api/channels} answers in pages ({@link Paging}), archived channels only with
 * {@code include_archived=true}. A channel's life cycle (not in the reference hub, shaped like its join: the channel
 * and the participant acting, in the body; the channel as it is now, in the answer): {@code leave}, {@code rename}
 * ({@code name}), {@code topic} ({@code topic}), {@code archive}, {@code unarchive}, {@code delete}.
 *
 * <pre>curl -X POST localhost:9700/api/channels/create -d '{"name":"Build Bots","created_by":"ci"}'
 * curl -X POST localhost:9700/api/channels/rename -d '{"channel":"build-bots","participant":"ci","name":"ci-bots"}'</pre>
 */
final class ChannelRoutes {
    private final HubServices hub;
    private final RestAccess access;

    ChannelRoutes(HubServices hub, RestAccess access) {
        this.hub = hub;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/channels", this::list);
        routes.post("/api/channels/create", this::create);
        routes.post("/api/channels/join", this::join);
        routes.post("/api/channels/leave", ctx -> change(ctx, (who, channel, body) ->
                hub.conversations().leave(who, channel)));
        routes.post("/api/channels/rename", ctx -> change(ctx, (who, channel, body) ->
                hub.conversations().rename(who, channel, body.requiredString("name", ErrorCode.BAD_FIELD))));
        routes.post("/api/channels/topic", ctx -> change(ctx, (who, channel, body) ->
                hub.conversations().setTopic(who, channel, FieldLimits.topic(body.string("topic")))));
        routes.post("/api/channels/archive", ctx -> change(ctx, (who, channel, body) ->
                hub.conversations().archive(who, channel, true)));
        routes.post("/api/channels/unarchive", ctx -> change(ctx, (who, channel, body) ->
                hub.conversations().archive(who, channel, false)));
        routes.post("/api/channels/delete", ctx -> change(ctx, (who, channel, body) ->
                hub.conversations().deleteChannel(who, channel)));
        routes.post("/api/dm", this::dm);
        routes.get("/api/channels/{channel}/loop-guard", this::loopGuard);
        routes.post("/api/channels/loop-guard", this::setLoopGuard);
    }

    /** One life-cycle change a participant asks for, from a request's checked body. */
    private interface Change {
        CompletableFuture<Channel> apply(String participant, String channel, InboundFrame body);
    }

    /** A life-cycle change: {@code channel} and the {@code participant} acting (proven), answered with the channel. */
    private void change(Context ctx, Change change) {
        InboundFrame body = Requests.body(ctx);
        String channel = body.requiredString("channel", ErrorCode.BAD_FIELD);
        String participant = access.actAs(ctx, body.requiredString("participant", ErrorCode.BAD_FIELD), body);
        ctx.future(() -> change.apply(participant, channel, body).thenAccept(c -> ctx.json(WireFormat.channel(c))));
    }

    /** A channel's loop guard: the limit in force, the agent messages in a row, whether agents are paused. */
    private void loopGuard(Context ctx) {
        ctx.json(loopGuardJson(hub.conversations().loopGuard(access.reader(ctx, null), ctx.pathParam("channel"))));
    }

    /** Sets a channel's own loop-guard limit ({@code limit}: 0 off, null the hub's); a human only. */
    private void setLoopGuard(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String participant = access.actAs(ctx, body.requiredString("participant", ErrorCode.BAD_FIELD), body);
        String channel = body.requiredString("channel", ErrorCode.BAD_FIELD);
        Long limit = body.integer("limit");
        ctx.future(() -> hub.conversations().setLoopGuard(participant, channel, limit)
                .thenAccept(view -> ctx.json(loopGuardJson(view))));
    }

    private static ObjectNode loopGuardJson(Conversations.LoopGuardView view) {
        ObjectNode json = WireFormat.object().put("channel_id", view.channel().channelId())
                .put("channel_name", view.channel().name()).put("limit", view.limit())
                .put("agent_streak", view.agentStreak()).put("paused", view.pausedSince() != null)
                .put("paused_since", view.pausedSince());
        if (view.channelLimit() == null) {
            json.putNull("channel_limit");
        } else {
            json.put("channel_limit", view.channelLimit());
        }
        return json;
    }

    /** Public channels and, for a named reader, its own DMs: nobody learns who talks to whom. */
    private void list(Context ctx) {
        Reader reader = access.reader(ctx, null);
        Paging paging = Paging.of(ctx);
        ArrayNode list = WireFormat.object().arrayNode();
        boolean archived = "true".equalsIgnoreCase(ctx.queryParam("include_archived"));
        paging.finish(ctx, hub.conversations().channels(reader, paging.after(), paging.probe(), archived),
                        Channel::name)
                .forEach(c -> list.add(WireFormat.channel(c)));
        ctx.json(list);
    }

    private void create(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String name = Names.newChannel(body.requiredString("name", ErrorCode.BAD_FIELD));
        String topic = FieldLimits.topic(body.string("topic"));
        String createdBy = body.string("created_by");
        CompletableFuture<String> registered;
        if (createdBy != null) {
            registered = access.actAsRegistering(ctx, createdBy, body);
        } else {
            access.read(ctx);
            registered = CompletableFuture.completedFuture(null);
        }
        ctx.future(() -> registered.thenCompose(key -> hub.conversations().create(name, createdBy, topic))
                .thenAccept(creation -> {
                    ctx.status(creation.created() ? 201 : 200).json(WireFormat.channel(creation.channel()));
                }));
    }

    private void join(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String channel = body.requiredString("channel", ErrorCode.BAD_FIELD);
        String participant = body.requiredString("participant", ErrorCode.BAD_FIELD);
        Names.participant(participant);
        access.read(ctx); // the hub token first, as for any request
        // Checked before registering, so a refused join stores nothing (a stranger's DM: as if it did not exist).
        Channel target = hub.conversations().joinable(participant, channel);
        CompletableFuture<String> registered = access.actAsRegistering(ctx, participant, body);
        ctx.future(() -> registered.thenCompose(key -> hub.conversations().join(participant, target))
                .thenAccept(c -> ctx.json(WireFormat.channel(c))));
    }

    private void dm(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String a = body.requiredString("participant_a", ErrorCode.BAD_FIELD);
        String b = body.requiredString("participant_b", ErrorCode.BAD_FIELD);
        Names.participant(b); // before registering a, so a refused request stores nothing
        CompletableFuture<String> registered = access.actAsRegistering(ctx, a, body);
        ctx.future(() -> registered.thenCompose(key -> hub.conversations().dm(a, b)).thenAccept(channel -> {
            // The reference hub's DM answer: the channel, and its name once more as channel_name.
            ctx.contentType(ContentType.APPLICATION_JSON).result(WireText.object(out -> {
                WireFormat.wire(channel).writeFields(out);
                out.writeStringField("channel_name", channel.name());
            }));
        }));
    }
}
