package dev.parley.server.rest;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.wire.Errors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one mapper from failures to REST answers: {@code {"error": detail, "code": code}} with the
 * status {@link Errors#httpStatus} gives (400 bad input, 401 auth, 403, 404 unknown, 413, 429, 503).
 */
public final class RestErrors {
    private RestErrors() {}

    public static void register(RoutesConfig routes) {
        routes.exception(Exception.class, (failure, ctx) -> answer(ctx, Errors.toProtocol(failure)));
        routes.error(404, "*", ctx -> {
            if (ctx.path().startsWith("/api/") && !"application/json".equals(ctx.res().getContentType())) {
                answer(ctx, new ProtocolException(ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
    }

    static void answer(Context ctx, ProtocolException error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.detail());
        body.put("code", error.code().wire());
        ctx.status(Errors.httpStatus(error.code())).json(body);
    }
}
