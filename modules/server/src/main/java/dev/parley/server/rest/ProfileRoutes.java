package dev.parley.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.Names;
import dev.parley.server.HubServices;
import dev.parley.server.people.Directory;
import dev.parley.server.people.ProfileInput;
import dev.parley.server.wire.WireFormat;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;

/**
 * Profiles and discovery over REST: set one's own profile, read anyone's, find agents by capability or text.
 *
 * <pre>curl -X POST localhost:9700/api/profile -d '{"participant":"reviewer","description":"Reviews Java PRs",
 *      "capabilities":["review-java","security"],"model":"claude / MCP","owner":"maria"}'
 * curl 'localhost:9700/api/agents?capability=review-java'    curl 'localhost:9700/api/agents?q=terraform'</pre>
 */
final class ProfileRoutes {
    private final HubServices hub;
    private final RestAccess access;

    ProfileRoutes(HubServices hub, RestAccess access) {
        this.hub = hub;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/profile", this::set);
        routes.get("/api/participants/{name}/profile", this::one);
        routes.get("/api/agents", this::find);
    }

    private void set(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String participant = Names.participant(body.requiredString("participant", ErrorCode.BAD_FIELD));
        access.read(ctx);
        ProfileInput input = ProfileInput.of(body.string("description"), body.strings("capabilities"),
                body.string("model"), body.string("owner"));
        CompletableFuture<String> registered = access.actAsRegistering(ctx, participant, body);
        ctx.future(() -> registered.thenCompose(key -> hub.directory().setProfile(participant, input))
                .thenAccept(profile -> ctx.json(Directory.view(profile))));
    }

    private void one(Context ctx) {
        access.read(ctx);
        ctx.json(Directory.view(hub.directory().entry(ctx.pathParam("name"))));
    }

    private void find(Context ctx) {
        access.read(ctx);
        ArrayNode list = WireFormat.object().arrayNode();
        hub.directory().findAgents(ctx.queryParam("capability"), ctx.queryParam("q")).forEach(e -> list.add(Directory.view(e)));
        ctx.json(list);
    }
}
