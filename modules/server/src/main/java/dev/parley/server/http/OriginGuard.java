package dev.parley.server.http;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.rest.RestErrors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps web pages from driving the hub through a visitor's browser. Runs before every HTTP route
 * and before the {@code /ws} upgrade, in this order:
 *
 * <ol>
 *   <li><b>Host</b> must be one the hub answers to ({@link HostAllowList}), else 421
 *       {@code unknown_host}. First, because the next rule trusts it: a DNS-rebound page sends a
 *       matching {@code Origin} and {@code Host}, both the attacker's name.</li>
 *   <li><b>Origin</b>, when present, must be the hub's own (same host and port as {@code Host}) or
 *       allow-listed, else 403 {@code forbidden_origin}; {@code Origin: null} is foreign. Requests
 *       without one (the CLI, agents, curl, the reference client library) pass. So does a browser
 *       navigation; a browser's other cross-site requests without {@code Origin} (no-cors GETs)
 *       are refused by their {@code Sec-Fetch-Site} header.</li>
 *   <li><b>CORS</b> headers go to allow-listed origins only; their preflights are answered here.</li>
 *   <li><b>Content type</b>: a write ({@code POST/PUT/PATCH/DELETE /api/...}) must say
 *       {@code application/json} or carry an {@code X-Parley-*} header, else 415
 *       {@code unsupported_media_type}: a browser sends neither cross-origin without a preflight.</li>
 * </ol>
 *
 * <p>A request from an allow-listed foreign origin is marked ({@link #isCrossOrigin}) so that being
 * on this machine does not excuse it from the hub token: the page, not the browser, is the peer.
 *
 * <pre>curl -H 'Origin: http://evil.example' localhost:9700/api/channels   # 403 forbidden_origin</pre>
 *
 * <p>Stateless after construction; Jetty threads call it concurrently.
 */
public final class OriginGuard {
    private static final String CROSS_ORIGIN = "parley.crossOrigin";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String ALLOWED_METHODS = "GET, POST, PATCH, DELETE";
    private static final String ALLOWED_HEADERS =
            "Content-Type, X-Parley-Name, X-Parley-Key, X-Parley-Token, Authorization";

    private final HostAllowList hosts;
    private final List<WebOrigin> allowedOrigins;

    private OriginGuard(HostAllowList hosts, List<WebOrigin> allowedOrigins) {
        this.hosts = hosts;
        this.allowedOrigins = allowedOrigins;
    }

    /** The guard for a hub bound to {@code boundHost} under the operator's policy. */
    public static OriginGuard forHub(String boundHost, OriginPolicy policy) {
        return new OriginGuard(HostAllowList.forHub(boundHost, policy.allowedHosts()), policy.origins());
    }

    /** Screens every HTTP request and every WebSocket upgrade; register before any route. */
    public void register(RoutesConfig routes) {
        routes.before(this::screenRequest);
        routes.wsBeforeUpgrade(this::screenUpgrade);
    }

    /** Whether the request came from an allow-listed page of another origin (not a free pass on loopback). */
    public static boolean isCrossOrigin(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(CROSS_ORIGIN));
    }

    /** As {@link #isCrossOrigin(Context)}, for a socket: the upgrade request's mark. */
    public static boolean isCrossOrigin(io.javalin.websocket.WsContext ctx) {
        return Boolean.TRUE.equals(ctx.attribute(CROSS_ORIGIN));
    }

    private void screenRequest(Context ctx) {
        boolean crossOrigin = screenOrigin(ctx);
        if (crossOrigin) {
            String origin = ctx.header("Origin");
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
            if (ctx.method().name().equals("OPTIONS") && ctx.header("Access-Control-Request-Method") != null) {
                ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
                ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                ctx.header("Access-Control-Max-Age", "600");
                ctx.status(204);
                ctx.skipRemainingHandlers();
                return;
            }
        }
        if (WRITES.contains(ctx.method().name()) && ctx.path().startsWith("/api/") && !declaresJson(ctx)) {
            String type = ctx.contentType() == null ? "none" : "'" + ctx.contentType() + "'";
            throw new ProtocolException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "writes need 'Content-Type: application/json' (or an X-Parley-* header); got " + type);
        }
    }

    private void screenUpgrade(Context ctx) throws IOException {
        try {
            screenOrigin(ctx);
        } catch (ProtocolException refused) {
            ctx.skipRemainingHandlers(); // the upgrade itself is the next task: it never runs
            RestErrors.answerNow(ctx, refused);
        }
    }

    /** Applies the Host and Origin rules; true when the request is from an allow-listed foreign origin. */
    private boolean screenOrigin(Context ctx) {
        String hostHeader = ctx.header("Host");
        Authority host = Authority.parse(hostHeader);
        // No Host at all is HTTP/1.0 (HTTP/1.1 without one Jetty refuses itself); browsers always send one.
        if (hostHeader != null && (host == null || !hosts.allows(host))) {
            throw new ProtocolException(ErrorCode.UNKNOWN_HOST, "this hub does not answer to the host '" + hostHeader
                    + "'; if that name is really this hub, start it with --allow-host NAME (or PARLEY_ALLOWED_HOSTS)");
        }
        String originHeader = ctx.header("Origin");
        if (originHeader == null) {
            String site = ctx.header("Sec-Fetch-Site");
            if (site != null && !site.equals("same-origin") && !site.equals("none")
                    && !"navigate".equals(ctx.header("Sec-Fetch-Mode"))) {
                throw new ProtocolException(ErrorCode.FORBIDDEN_ORIGIN,
                        "cross-origin request refused: Sec-Fetch-Site " + site);
            }
            return false;
        }
        WebOrigin origin = WebOrigin.parse(originHeader);
        if (origin != null && origin.isOriginOf(host)) {
            return false;
        }
        if (origin != null && allowedOrigins.stream().anyMatch(origin::sameAs)) {
            ctx.attribute(CROSS_ORIGIN, true);
            return true;
        }
        throw new ProtocolException(ErrorCode.FORBIDDEN_ORIGIN, "cross-origin request refused: " + originHeader);
    }

    private static boolean declaresJson(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type != null) {
            int semicolon = type.indexOf(';');
            String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
            if (media.equals("application/json")) {
                return true;
            }
        }
        return ctx.headerMap().keySet().stream().anyMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-parley-"));
    }
}
