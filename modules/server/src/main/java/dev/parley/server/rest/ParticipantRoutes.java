package dev.parley.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parley.server.HubServices;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Participant;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Who exists and who is online, in pages by name ({@link Paging}). <pre>curl localhost:9700/api/presence</pre> */
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
