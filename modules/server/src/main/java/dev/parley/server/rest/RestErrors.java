package dev.parley.server.rest;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Json;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.wire.Errors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one mapper from failures to REST answers: {@code {"error": detail, "code": code}} with the
 * status {@link Errors#httpStatus} gives (400 bad input, 401 auth, 403, 404 unknown, 413, 429, 503).
 */
public final class RestErrors {
    private static final long DISCARD_LIMIT = 16L * 1024 * 1024;

    private RestErrors() {}

    public static void register(RoutesConfig routes) {
        routes.exception(Exception.class, (failure, ctx) -> answer(ctx, Errors.toProtocol(failure)));
        // Javalin's own refusals (a body over maxRequestSize) bypass the handler above: same JSON, their status.
        routes.exception(HttpResponseException.class, (failure, ctx) -> {
            int status = failure.getStatus();
            if (status == 413) {
                discardRest(ctx);
            }
            String detail = status == 413 ? "the request body is larger than this hub accepts" : failure.getMessage();
            answer(ctx, status, Errors.forHttpStatus(status), detail);
        });
        routes.error(404, "*", ctx -> {
            if (ctx.path().startsWith("/api/") && !"application/json".equals(ctx.res().getContentType())) {
                answer(ctx, new ProtocolException(ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
    }

    /**
     * Reads what is left of an oversized body (up to a bound) so the connection stays in step: left
     * unread, Jetty drops the connection under the client, which may lose this answer or its next
     * request. Past the bound the client is told the connection closes.
     */
    private static void discardRest(Context ctx) {
        byte[] buffer = new byte[8192];
        long left = DISCARD_LIMIT;
        try {
            InputStream in = ctx.req().getInputStream();
            int read;
            while (left > 0 && (read = in.read(buffer)) >= 0) {
                left -= read;
            }
        } catch (IOException e) {
            left = 0;
        }
        if (left <= 0) {
            ctx.header("Connection", "close");
        }
    }

    /**
     * Writes the answer at once, for a refused WebSocket upgrade: Javalin writes no result on that
     * path, so a mapped exception would leave the refusal without its body.
     */
    public static void answerNow(Context ctx, ProtocolException error) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body(error.code(), error.detail()));
        ctx.res().setStatus(Errors.httpStatus(error.code()));
        ctx.res().setContentType("application/json");
        ctx.res().setContentLength(bytes.length);
        ctx.res().getOutputStream().write(bytes);
    }

    static void answer(Context ctx, ProtocolException error) {
        answer(ctx, Errors.httpStatus(error.code()), error.code(), error.detail());
    }

    private static void answer(Context ctx, int status, ErrorCode code, String detail) {
        ctx.status(status).json(body(code, detail));
    }

    private static Map<String, Object> body(ErrorCode code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", detail);
        body.put("code", code.wire());
        return body;
    }
}
