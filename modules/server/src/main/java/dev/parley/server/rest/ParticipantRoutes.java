package dev.parley.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.HubServices;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Participant;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Who exists and who is online, in pages by name ({@link Paging}), and one participant by name (so a
 * client can ask whether a name is taken without walking every page).
 *
 * <pre>curl localhost:9700/api/presence    curl localhost:9700/api/participants/alice</pre>
 */
final class ParticipantRoutes {
    private final HubServices hub;
    private final RestAccess access;

    ParticipantRoutes(HubServices hub, RestAccess access) {
        this.hub = hub;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/presence", this::list);
        routes.get("/api/participants", this::list);
        routes.get("/api/participants/{name}", this::one);
    }

    private void one(Context ctx) {
        access.read(ctx);
        String name = ctx.pathParam("name");
        Participant participant = hub.store().participants().find(name).orElseThrow(() ->
                new ProtocolException(ErrorCode.PARTICIPANT_NOT_FOUND, "participant not found: " + name));
        ctx.json(WireFormat.participant(participant, hub.sessions().isOnline(participant.name())));
    }

    private void list(Context ctx) {
        access.read(ctx);
        Paging paging = Paging.of(ctx);
        ArrayNode list = WireFormat.object().arrayNode();
        paging.finish(ctx, hub.store().participants().page(paging.after(), paging.probe()), Participant::name)
                .forEach(p -> list.add(WireFormat.participant(p, hub.sessions().isOnline(p.name()))));
        ctx.json(list);
    }
}
