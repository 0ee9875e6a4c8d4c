package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.HubHttp;
import dev.parley.mcp.session.AgentSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Files: post one to a channel ({@code send_file}, from a local path or base64) and read one back ({@code read_file},
 * text as text and anything else as base64, both cut at {@code max_bytes} with a note saying so, so a big file
 * never floods an agent's context).
 */
final class FileTools {
    /** The largest local file send_file reads (the hub's own limit, 16 MiB by default, decides below it). */
    static final long MAX_LOCAL_BYTES = 64L << 20;
    static final int DEFAULT_READ_BYTES = 64 * 1024;
    static final int MAX_READ_BYTES = 1 << 20;

    private final AgentSession me;

    FileTools(AgentSession me) {
        this.me = me;
    }

    List<ParleyTool> tools() {
        return List.of(sendFile(), readFile());
    }

    private ParleyTool sendFile() {
        Schema schema = Schema.object()
                .string("channel", "Channel name or id (a DM's name for a DM)", true)
                .string("path", "A local file to send (give path or content_base64)", false)
                .string("content_base64", "The file's bytes, base64 (give path or content_base64)", false)
                .string("name", "The file's name as others see it (default: the path's file name; required with "
                        + "content_base64)", false)
                .string("text", "A message to go with the file (default: its name)", false);
        return new ParleyTool("send_file", "Send a file",
                "Post a file to a channel as " + me.name() + ": it is stored in the hub and announced as a file_ref "
                        + "message whose metadata names it (attachment_id, name, size, content_type, sha256). "
                        + "Who may read the channel may read the file (read_file). The hub refuses files over its "
                        + "limit (16 MiB unless configured) with too_large.",
                schema, ParleyTool.Hints.posting(), (args, progress) -> {
                    String path = args.string("path");
                    String base64 = args.string("content_base64");
                    if ((path == null) == (base64 == null)) {
                        throw new ToolError("give exactly one of 'path' and 'content_base64'");
                    }
                    String name = args.string("name");
                    byte[] bytes;
                    if (path != null) {
                        bytes = readLocal(Path.of(path));
                        name = name != null ? name : Path.of(path).getFileName().toString();
                    } else {
                        if (name == null) {
                            throw new ToolError("'name' is required with content_base64");
                        }
                        try {
                            bytes = Base64.getMimeDecoder().decode(base64);
                        } catch (IllegalArgumentException e) {
                            throw new ToolError("'content_base64' is not base64: " + e.getMessage());
                        }
                    }
                    JsonNode sent = me.client().uploadFile(args.requiredString("channel"), name, null, bytes,
                            args.string("text"));
                    ObjectNode view = Views.object();
                    sent.fields().forEachRemaining(field -> {
                        if (!field.getKey().equals("message") && !field.getKey().equals("key")) {
                            view.set(field.getKey(), field.getValue());
                        }
                    });
                    view.put("message_id", sent.path("message").path("message_id").asText());
                    view.put("channel", sent.path("message").path("channel_name").asText());
                    return view;
                });
    }

    private ParleyTool readFile() {
        Schema schema = Schema.object()
                .string("attachment_id", "The file's id (at-..., from a file_ref message's metadata)", true)
                .integer("max_bytes", "The most bytes to return (default " + DEFAULT_READ_BYTES + ")", 1,
                        MAX_READ_BYTES, false);
        return new ParleyTool("read_file", "Read a file",
                "Read a file posted to a channel " + me.name() + " may read. Text (UTF-8) comes back as 'text', "
                        + "anything else as 'content_base64'; at most max_bytes of it (default "
                        + DEFAULT_READ_BYTES + ", at most " + MAX_READ_BYTES + "), with truncated=true and a note "
                        + "when the file is longer.",
                schema, ParleyTool.Hints.reading(), (args, progress) -> {
                    String id = args.requiredString("attachment_id");
                    int max = args.integer("max_bytes", DEFAULT_READ_BYTES);
                    HubHttp.Download file = me.client().downloadFile(id);
                    byte[] bytes = file.bytes();
                    ObjectNode view = Views.object().put("attachment_id", id)
                            .put("name", file.fileName())
                            .put("content_type", file.contentType()).put("size", bytes.length);
                    String text = textPrefix(bytes, max);
                    int returned;
                    if (text != null) {
                        returned = text.getBytes(StandardCharsets.UTF_8).length;
                        view.put("text", text);
                    } else {
                        returned = Math.min(bytes.length, max);
                        view.put("content_base64", Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, returned)));
                    }
                    boolean truncated = returned < bytes.length;
                    view.put("returned_bytes", returned).put("truncated", truncated);
                    if (truncated) {
                        view.put("note", "the file is " + bytes.length + " bytes; the first " + returned
                                + " are returned (max_bytes " + max + "; at most " + MAX_READ_BYTES + ")");
                    }
                    return view;
                });
    }

    private static byte[] readLocal(Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                throw new ToolError("no such file: " + path);
            }
            if (Files.size(path) > MAX_LOCAL_BYTES) {
                throw new ToolError(path + " is " + Files.size(path) + " bytes; send_file reads at most "
                        + MAX_LOCAL_BYTES);
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ToolError("cannot read " + path + ": " + e.getMessage());
        }
    }

    /**
     * The file as text, cut to at most {@code max} bytes at a character boundary; null when it is not UTF-8 text
     * (a malformed sequence, or a NUL, anywhere in the part returned).
     */
    static String textPrefix(byte[] bytes, int max) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, max));
        CharBuffer out = CharBuffer.allocate(in.remaining());
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        // An underflow with bytes left is a character cut by max_bytes: what came before it is whole.
        if (result.isError() || in.remaining() > 3 || in.remaining() > 0 && bytes.length <= max) {
            return null;
        }
        String text = out.flip().toString();
        return text.indexOf('\0') >= 0 ? null : text;
    }
}
