package dev.parley.server.attachments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.conversation.Conversations;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Attachment;
import dev.parley.store.AttachmentContent;
import dev.parley.store.Attachments;
import dev.parley.store.Channel;
import dev.parley.store.HubStore;
import dev.parley.store.NewMessage;
import dev.parley.store.Reader;
import java.util.concurrent.CompletableFuture;

/**
 * Files posted to channels, for every face: an upload is checked (the channel one the uploader may post to, a
 * usable name, the hub's size limit), stored with its blob and posted as a {@code file_ref} message whose metadata
 * names the attachment ({@link #metadata}), in one write. Who may read a file is who may read that message — the
 * {@code ReadRule}, through {@link Conversations#message}: a DM's file only its members, a targeted one its target
 * and sender; any other reader is told it does not exist. What type it is served as is {@link ServedType}'s.
 *
 * <p>Thread-safe (stateless; writes are the store's).
 */
public final class AttachmentService {
    /** The longest file name kept (longer ones are refused, not cut: a cut can change the extension). */
    public static final int MAX_NAME_CHARS = 255;

    private final HubStore store;
    private final Conversations conversations;
    private final long maxBytes;
    private final int maxTextChars;

    /**
     * @param maxBytes the largest file an upload may carry
     * @param maxTextChars the longest text that may go with it (the hub's largest message body)
     */
    public AttachmentService(HubStore store, Conversations conversations, long maxBytes, int maxTextChars) {
        this.store = store;
        this.conversations = conversations;
        this.maxBytes = maxBytes;
        this.maxTextChars = maxTextChars;
    }

    /** An attachment a reader may read, with its bytes. */
    public record Readable(Attachment attachment, byte[] bytes) {}

    /** The largest file an upload may carry, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Checks an upload before anything is stored.
     *
     * @param declaredType the request's content type, or null
     * @throws ProtocolException {@code bad_field} for a missing or unusable name, {@code channel_not_found} for a
     *                           channel the uploader may not post to
     */
    public Attachments.Upload upload(String uploader, String channelReference, String name, String declaredType,
                                     AttachmentContent content) {
        String fileName = fileName(name);
        Channel channel = check(uploader, channelReference, name);
        if (content.size() > maxBytes) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "the file is " + content.size() + " bytes; this hub "
                    + "accepts at most " + maxBytes + " (--max-attachment-bytes)");
        }
        String declared = ServedType.declared(declaredType, fileName);
        return new Attachments.Upload(channel.channelId(), uploader, fileName, declared,
                ServedType.served(declared, content.bytes()), content);
    }

    /**
     * Checks what can be checked before the bytes are read: the name, and that the uploader may post to the channel.
     *
     * @return the channel
     */
    public Channel check(String uploader, String channelReference, String name) {
        fileName(name);
        return conversations.postable(uploader, channelReference);
    }

    /**
     * Stores the upload and posts its {@code file_ref} message (body: {@code text}, else the file's name).
     *
     * @throws ProtocolException (in the future) {@code loop_guard} when the channel's loop guard stopped it
     */
    public CompletableFuture<Attachments.Posted> post(Attachments.Upload upload, String text, String replyTo) {
        String body = text == null || text.isBlank() ? upload.name() : text;
        if (body.length() > maxTextChars) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "the text is " + body.length() + " characters; at most "
                    + maxTextChars);
        }
        if (replyTo != null) {
            conversations.message(Reader.named(upload.uploader()), replyTo);
        }
        return store.attachments().post(upload, attachment -> new NewMessage(upload.channelId(), upload.uploader(),
                body, "file_ref", null, replyTo, WireFormat.text(metadata(attachment)), null, null))
                .thenApply(posted -> {
                    if (posted.appended().loopGuardTripped()) {
                        throw new ProtocolException(ErrorCode.LOOP_GUARD, posted.appended().message().body());
                    }
                    return posted;
                });
    }

    /**
     * An attachment the reader may read, and its bytes.
     *
     * @throws ProtocolException {@code not_found} when there is none or the reader may not read its message
     */
    public Readable read(Reader reader, String attachmentId) {
        Attachment attachment = store.attachments().find(attachmentId).orElseThrow(() -> notFound(attachmentId));
        try {
            conversations.message(reader, attachment.messageId());
        } catch (ProtocolException hidden) {
            throw notFound(attachmentId); // what a reader may not read answers like what does not exist
        }
        byte[] bytes = store.attachments().content(attachment.sha256()).orElseThrow(() -> notFound(attachmentId));
        return new Readable(attachment, bytes);
    }

    /** What a {@code file_ref} message's metadata, and an upload's answer, say of an attachment. */
    public static ObjectNode metadata(Attachment attachment) {
        ObjectNode out = WireFormat.object();
        out.put("attachment_id", attachment.attachmentId());
        out.put("name", attachment.name());
        out.put("size", attachment.size());
        out.put("content_type", attachment.servedType());
        out.put("declared_type", attachment.declaredType());
        out.put("sha256", attachment.sha256());
        out.put("url", url(attachment.attachmentId()));
        return out;
    }

    /** Where an attachment is read. */
    public static String url(String attachmentId) {
        return "/api/attachments/" + attachmentId;
    }

    /** The name kept: the last path segment, no control characters, not blank, not {@code .} or {@code ..}. */
    static String fileName(String name) {
        if (name == null) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "a file needs a name: 'name' is missing");
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String clean = last.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'name' is not a usable file name: '" + name + "'");
        }
        if (clean.length() > MAX_NAME_CHARS) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'name' is " + clean.length() + " characters; at most "
                    + MAX_NAME_CHARS);
        }
        return clean;
    }

    private static ProtocolException notFound(String attachmentId) {
        return new ProtocolException(ErrorCode.NOT_FOUND, "attachment not found: " + attachmentId);
    }
}
