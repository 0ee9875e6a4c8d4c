package dev.parley.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The browser chat: {@code GET /chat} (the page) and {@code GET /chat/{asset}} (its scripts,
 * styles and icon), served from the class path so they ride in the template with everything else.
 *
 * <pre>curl -i localhost:9700/chat</pre>
 *
 * <p>Nothing is loaded from the network: the page talks to {@code /ws} and {@code /api/*} of the
 * hub that served it. Every answer revalidates ({@code no-cache} + a strong ETag, 304 when
 * unchanged), so a hub upgrade reaches browsers at once while an unchanged page costs a 304. The
 * content security policy allows scripts, styles and connections from this origin only: even if a
 * message's text ever reached the DOM as markup, no inline script or handler could run.
 */
public final class ChatRoutes {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final ChatAssets assets;

    private ChatRoutes(ChatAssets assets) {
        this.assets = assets;
    }

    /** Registers {@code /chat} and its assets on a hub's routes. */
    public static void register(RoutesConfig routes) {
        ChatRoutes chat = new ChatRoutes(new ChatAssets(ChatRoutes.class.getClassLoader()));
        routes.get("/chat", ctx -> chat.serve(ctx, "index.html"));
        routes.get("/chat/{asset}", ctx -> chat.serve(ctx, ctx.pathParam("asset")));
    }

    private void serve(Context ctx, String name) {
        Optional<ChatAssets.Asset> found = assets.find(name);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        if (found.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file: " + name);
            return;
        }
        ChatAssets.Asset asset = found.get();
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", asset.etag());
        if (asset.contentType().startsWith("text/html")) {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("X-Frame-Options", "DENY");
        }
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }
}
