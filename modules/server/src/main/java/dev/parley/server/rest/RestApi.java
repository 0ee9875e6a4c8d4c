package dev.parley.server.rest;

import dev.parley.server.HubInfo;
import dev.parley.server.HubServices;
import io.javalin.config.RoutesConfig;

/** Registers every REST resource and the one error mapper. */
public final class RestApi {
    private RestApi() {}

    public static void register(RoutesConfig routes, HubServices hub, HubInfo info) {
        RestAccess access = new RestAccess(hub);
        new OpsRoutes(hub, info).register(routes);
        new ChannelRoutes(hub, access).register(routes);
        new MessageRoutes(hub, access).register(routes);
        new ParticipantRoutes(hub, access).register(routes);
        new DeliveryRoutes(hub, access).register(routes);
        new ClaimRoutes(hub, access).register(routes);
        new QuestionRoutes(hub, access).register(routes);
        new ProfileRoutes(hub, access).register(routes);
        new AttachmentRoutes(hub, access).register(routes);
        RestErrors.register(routes);
    }
}
