package dev.parley.server.rest;

import dev.parley.protocol.FieldLimits;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.Names;
import dev.parley.server.HubServices;
import dev.parley.server.auth.Authenticator.Admission;
import dev.parley.store.Reader;
import dev.parley.store.Registration;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;

/**
 * The REST side of authentication: reads need the hub token from other machines; acting as a
 * participant (sending, acking, joining, reading someone's queue) needs exactly what a socket
 * {@code auth} under that name would need, so REST cannot be used to impersonate anyone. A read
 * names its reader the same way ({@link #reader}), and sees what {@code ReadRule} lets it see.
 *
 * <pre>curl -H 'X-Parley-Name: kate' -H 'X-Parley-Key: ...' localhost:9700/api/messages/dm:kate:liam</pre>
 */
final class RestAccess {
    private final HubServices hub;

    RestAccess(HubServices hub) {
        this.hub = hub;
    }

    /** The header that names a request's reader. */
    static final String NAME_HEADER = "X-Parley-Name";

    /**
     * Who is reading: the participant named by {@value #NAME_HEADER} (else {@code fallbackName},
     * the compat {@code participant} parameter of endpoints that take one), proven exactly as
     * acting as that name needs; or, with no name at all, an anonymous reader (hub token checked),
     * who sees public content only. A named reader whose proof is missing or wrong is refused
     * ({@code auth_failed}), never read as anonymous instead.
     */
    Reader reader(Context ctx, String fallbackName) {
        String name = ctx.header(NAME_HEADER);
        if (name == null || name.isBlank()) {
            name = fallbackName == null || fallbackName.isBlank() ? null : fallbackName;
        }
        if (name == null) {
            read(ctx);
            return Reader.ANONYMOUS;
        }
        return Reader.named(actAs(ctx, name.strip(), null));
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
     * As {@link #actAs}, registering the name if it is new (REST senders need no prior socket), with the body's
     * {@code participant_type} if it has one. The credentials are checked now (and throw); the registration is
     * written without this thread waiting.
     *
     * @return completes, once the registration is durable, with a key the hub issued now in {@code keys} mode, or null
     */
    CompletableFuture<String> actAsRegistering(Context ctx, String name, InboundFrame body) {
        Names.participant(name);
        // A request may say what its sender is (the CLI: a person, "human"), as a socket's auth does.
        String type = body == null ? null : FieldLimits.participantType(body.string("participant_type"));
        return hub.auth().registerAsync(new Registration(name, null, type, null, ctx.req().getRemoteAddr()),
                Requests.credentials(ctx, body == null ? null : body.string("key"))).thenApply(Admission::issuedKey);
    }
}
