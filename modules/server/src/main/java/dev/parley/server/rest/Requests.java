package dev.parley.server.rest;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.auth.Authenticator.Credentials;
import dev.parley.server.http.OriginGuard;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Reading REST input at the edge: JSON bodies, query parameters and credentials, each failing with
 * a 400-class {@link ProtocolException} that says what was wrong (never a 500).
 */
final class Requests {
    private Requests() {}

    /** The JSON object body, as a frame-like reader with typed accessors. */
    static InboundFrame body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "a JSON object body is required");
        }
        return InboundFrame.parseObject(text, "the body");
    }

    /** An integer query parameter between 1 and max (values above max are capped), or the default. */
    static int limit(Context ctx, int defaultValue, int max) {
        String text = ctx.queryParam("limit");
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value < 1) {
                throw new ProtocolException(ErrorCode.BAD_FIELD, "'limit' must be at least 1");
            }
            return (int) Math.min(value, max);
        } catch (NumberFormatException e) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'limit' must be an integer, not '" + text + "'");
        }
    }

    /** A non-negative integer query parameter, or null. */
    static Long longParam(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0) {
                throw new ProtocolException(ErrorCode.BAD_FIELD, "'" + name + "' must be >= 0");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'" + name + "' must be an integer, not '" + text + "'");
        }
    }

    /**
     * The hub token and participant key the request carries, and whether it comes from this machine.
     * A page of another (allow-listed) origin is not "this machine" even in a local browser.
     */
    static Credentials credentials(Context ctx, String keyInBody) {
        String token = ctx.header("X-Parley-Token");
        String authorization = ctx.header("Authorization");
        if (token == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).strip();
        }
        if (token == null) {
            token = ctx.queryParam("token");
        }
        String key = ctx.header("X-Parley-Key") != null ? ctx.header("X-Parley-Key") : keyInBody;
        String address = ctx.req().getRemoteAddr();
        boolean local = isLoopback(address) && !OriginGuard.isCrossOrigin(ctx);
        return new Credentials(local, address, token, key, null);
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
