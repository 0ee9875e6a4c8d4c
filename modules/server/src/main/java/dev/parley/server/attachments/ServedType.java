package dev.parley.server.attachments;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What content type the hub answers an attachment with — never what the uploader says alone. Only two kinds are
 * ever served as themselves: raster images (png, jpeg, gif, webp) whose bytes begin as that format does, shown
 * inline; and UTF-8 text declared as {@code text/plain}, as a download. Everything else — HTML, SVG (script can
 * hide in it), PDF, a {@code .png} carrying HTML — is {@code application/octet-stream}, a download. With
 * {@code nosniff} and a sandboxing CSP on every answer ({@code AttachmentRoutes}), nothing a user uploads ever
 * runs as a page of the hub's origin. Stateless.
 */
public final class ServedType {
    /** The type of anything not known safe. */
    public static final String OCTET_STREAM = "application/octet-stream";
    static final String TEXT = "text/plain; charset=utf-8";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("txt", "text/plain"),
            Map.entry("md", "text/markdown"), Map.entry("log", "text/plain"), Map.entry("csv", "text/csv"),
            Map.entry("json", "application/json"), Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
            Map.entry("svg", "image/svg+xml"), Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"));

    private ServedType() {}

    /**
     * The type the uploader declared: the request's (parameters dropped, lower case), or, when it said none or
     * only {@code application/octet-stream}, what the file name's extension suggests.
     */
    public static String declared(String header, String name) {
        String type = header == null ? "" : header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals(OCTET_STREAM) && type.length() <= 100) {
            return type;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, OCTET_STREAM);
    }

    /** The type to serve bytes declared as {@code declared} with. */
    public static String served(String declared, byte[] bytes) {
        String raster = raster(bytes);
        if (raster != null && declared.startsWith("image/")) {
            return raster;
        }
        if (raster == null && (declared.equals("text/plain") || declared.equals("text/markdown")
                || declared.equals("text/csv")) && isUtf8(bytes)) {
            return TEXT;
        }
        return OCTET_STREAM;
    }

    /** Whether a served type may be shown inline (a raster image); anything else is a download. */
    public static boolean inline(String served) {
        return served.startsWith("image/");
    }

    /** The raster image format the bytes begin as, or null. */
    static String raster(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, 'G', 'I', 'F', '8') && b.length > 5 && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return "image/gif";
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    private static boolean starts(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
