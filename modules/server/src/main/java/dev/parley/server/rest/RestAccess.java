package dev.parley.server.rest;

import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.Names;
import dev.parley.server.HubServices;
import dev.parley.server.auth.Authenticator.Admission;
import dev.parley.store.Registration;
import dev.parley.store.Vocabulary;
import io.javalin.http.Context;

/**
 * The REST side of authentication: reads need the hub token from other machines; acting as a
 * participant (sending, acking, joining, reading someone's queue) needs exactly what a socket
 * {@code auth} under that name would need, so REST cannot be used to impersonate anyone.
 */
final class RestAccess {
    private final HubServices hub;

    RestAccess(HubServices hub) {
        this.hub = hub;
    }

    /** A read of shared state. */
    void read(Context ctx) {
        hub.auth().checkToken(Requests.credentials(ctx, null));
    }

    /** The caller acts as {@code name}: checks the name's syntax and the caller's right to it. */
    String actAs(Context ctx, String name, InboundFrame body) {
        Names.participant(name);
        hub.auth().authorize(name, Requests.credentials(ctx, body == null ? null : body.string("key")));
        return name;
    }

    /**
     * As {@link #actAs}, registering the name if it is new (REST senders need no prior socket).
     *
     * @return a key the hub issued now in {@code keys} mode, or null
     */
    String actAsRegistering(Context ctx, String name, InboundFrame body) {
        Names.participant(name);
        Admission admitted = hub.auth().register(new Registration(name, null, null, null, ctx.req().getRemoteAddr()),
                Requests.credentials(ctx, body == null ? null : body.string("key")));
        if (admitted.isNew()) {
            hub.membership().joined(Vocabulary.GENERAL_ID, name);
        }
        return admitted.issuedKey();
    }
}
