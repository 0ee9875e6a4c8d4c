package dev.parley.server.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.HubServices;
import dev.parley.server.attachments.AttachmentService;
import dev.parley.server.attachments.ServedType;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.AttachmentContent;
import dev.parley.store.Attachments;
import dev.parley.store.StoreException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Files over REST. An upload is the raw request body (no multipart: {@code curl --data-binary} and a browser's
 * {@code fetch(url, {body: file})} both send it as is), posted to a channel as a {@code file_ref} message in the same
 * write; the answer is the attachment and its message. A file is read back with headers that keep it from ever
 * running as a page of the hub's origin: a safe type ({@link ServedType}), {@code nosniff}, a sandboxing CSP, and
 * {@code Content-Disposition: attachment} for all but raster images.
 *
 * <pre>curl --data-binary @report.pdf -H 'Content-Type: application/pdf' \
 *      'localhost:9700/api/channels/general/files?sender=alice&amp;name=report.pdf&amp;text=the+report'
 * curl -OJ 'localhost:9700/api/attachments/at-9c01b7de3f2a?participant=alice'</pre>
 */
final class AttachmentRoutes {
    /** What every attachment answer carries: no sniffing, and a sandbox with nothing allowed. */
    static final String CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'";

    private final HubServices hub;
    private final RestAccess access;

    AttachmentRoutes(HubServices hub, RestAccess access) {
        this.hub = hub;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/channels/{channel}/files", this::upload);
        routes.get("/api/attachments/{id}", this::download);
    }

    /** Uploads the body as a file named {@code name}, from {@code sender} (or the name header). */
    private void upload(Context ctx) {
        String sender = ctx.queryParam("sender") != null ? ctx.queryParam("sender") : ctx.header(RestAccess.NAME_HEADER);
        if (sender == null || sender.isBlank()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'sender' is missing: who posts the file "
                    + "(?sender=NAME or the " + RestAccess.NAME_HEADER + " header)");
        }
        access.read(ctx); // the hub token first, as for any request
        AttachmentService files = hub.attachments();
        String channel = ctx.pathParam("channel");
        String name = ctx.queryParam("name");
        files.check(sender, channel, name); // before the bytes are read, and before a new sender registers
        long declaredLength = ctx.req().getContentLengthLong();
        if (declaredLength > files.maxBytes()) {
            throw tooLarge(ctx, files, declaredLength + " bytes");
        }
        // A new sender registers with its first upload, as with a send; ?participant_type=human says it is a person.
        ObjectNode registration = WireFormat.object();
        if (ctx.queryParam("participant_type") != null) {
            registration.put("participant_type", ctx.queryParam("participant_type"));
        }
        CompletableFuture<String> registered = access.actAsRegistering(ctx, sender.strip(),
                InboundFrame.of(registration));
        AttachmentContent content;
        try (InputStream in = ctx.req().getInputStream()) {
            content = AttachmentContent.read(in, files.maxBytes());
        } catch (StoreException.TooLarge e) {
            throw tooLarge(ctx, files, "more than that");
        } catch (IOException e) {
            throw new UncheckedIOException("the upload broke off", e);
        }
        Attachments.Upload upload = files.upload(sender.strip(), channel, name, ctx.header("Content-Type"), content);
        String text = ctx.queryParam("text");
        String replyTo = ctx.queryParam("reply_to");
        ctx.future(() -> registered.thenCompose(key -> files.post(upload, text, replyTo).thenAccept(posted -> {
            ObjectNode answer = AttachmentService.metadata(posted.attachment());
            answer.set("message", WireFormat.row(posted.appended().message()));
            if (key != null) {
                answer.put("key", key); // a key the hub issued now (keys mode): shown once, as a send shows it
            }
            ctx.status(201).json(answer);
        })));
    }

    /** Serves a file its reader may read (else 404, as if there were none). */
    private void download(Context ctx) {
        AttachmentService.Readable file = hub.attachments().read(access.reader(ctx, ctx.queryParam("participant")),
                ctx.pathParam("id"));
        String type = file.attachment().servedType();
        String disposition = ServedType.inline(type) ? "inline" : "attachment";
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Content-Disposition", disposition + "; " + filename(file.attachment().name()));
        ctx.header("Cache-Control", "private, max-age=31536000, immutable"); // an id's bytes never change
        ctx.header("ETag", "\"" + file.attachment().sha256() + "\"");
        ctx.contentType(type).result(file.bytes());
    }

    /** Both forms of the file name: a plain ASCII one for old clients, and the exact one (RFC 6266). */
    static String filename(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? (char) c : '_'));
        String exact = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
    }

    /**
     * The 413 for an upload over the limit. The rest of the body is not read (it would only be thrown away) and the
     * connection closes after the answer, so a client still sending learns at once.
     */
    private static ProtocolException tooLarge(Context ctx, AttachmentService files, String size) {
        ctx.header("Connection", "close");
        return new ProtocolException(ErrorCode.TOO_LARGE, "the file is " + size + "; this hub accepts files of at "
                + "most " + files.maxBytes() + " bytes (the hub's --max-attachment-bytes)");
    }
}
