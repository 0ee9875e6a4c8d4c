package dev.parley.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.Names;
import dev.parley.server.HubServices;
import dev.parley.server.questions.QuestionInput;
import dev.parley.server.questions.QuestionService;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Channel;
import dev.parley.store.Question;
import dev.parley.store.Reader;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Questions for a human over REST: ask (201 with the question and its message), answer (only a {@code human}; 409
 * {@code question_closed} when answered or out of time), one question, and the open ones the reader may read.
 *
 * <pre>curl -X POST localhost:9700/api/questions -d '{"participant":"deployer","channel":"ops",
 *      "question":"Ship 2.1 to production?","options":["approve","deny"],"timeout":900}'
 * curl -X POST localhost:9700/api/questions/ty-3f2a9c01b7de/answer -d '{"participant":"maria","answer":"approve"}'</pre>
 */
final class QuestionRoutes {
    private final HubServices hub;
    private final RestAccess access;

    QuestionRoutes(HubServices hub, RestAccess access) {
        this.hub = hub;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/questions", this::open);
        routes.post("/api/questions", this::ask);
        routes.get("/api/questions/{id}", this::one);
        routes.post("/api/questions/{id}/answer", this::answer);
    }

    private void open(Context ctx) {
        Reader reader = access.reader(ctx, ctx.queryParam("participant"));
        Instant now = Instant.now();
        ArrayNode list = WireFormat.object().arrayNode();
        hub.questions().open(reader).forEach(q -> list.add(QuestionService.view(q, now)));
        ctx.json(list);
    }

    private void one(Context ctx) {
        Reader reader = access.reader(ctx, ctx.queryParam("participant"));
        ctx.json(QuestionService.view(hub.questions().question(reader, ctx.pathParam("id")), Instant.now()));
    }

    private void ask(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String asker = Names.participant(body.requiredString("participant", ErrorCode.BAD_FIELD));
        access.read(ctx); // the hub token first, as for any request
        QuestionInput input = QuestionInput.of(body.string("channel"), body.string("to"), body.string("question"),
                body.strings("options"), body.integer("timeout"));
        if (input.to() != null) {
            Names.participant(input.to());
        }
        // A named channel is checked before anything is written; a person's DM is made once the asker is registered.
        CompletableFuture<Channel> named = input.channel() != null ? hub.questions().where(asker, input) : null;
        CompletableFuture<String> registered = access.actAsRegistering(ctx, asker, body);
        ctx.future(() -> registered.thenCompose(key -> named != null ? named : hub.questions().where(asker, input))
                .thenCompose(channel -> hub.questions().ask(asker, channel, input))
                .thenAccept(asked -> {
                    ObjectNode answer = QuestionService.view(asked.question(), Instant.now());
                    answer.set("message", WireFormat.row(asked.message()));
                    ctx.status(201).json(answer);
                }));
    }

    private void answer(Context ctx) {
        InboundFrame body = Requests.body(ctx);
        String answerer = access.actAs(ctx, body.requiredString("participant", ErrorCode.BAD_FIELD), body);
        String id = ctx.pathParam("id");
        CompletableFuture<Question> answered = hub.questions().answer(answerer, id, body.string("answer"));
        ctx.future(() -> answered.thenAccept(q -> ctx.json(QuestionService.view(q, Instant.now()))));
    }
}
