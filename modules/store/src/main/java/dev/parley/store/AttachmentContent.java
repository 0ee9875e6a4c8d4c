package dev.parley.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of an upload and their sha256, read from a stream that is never buffered past a limit: the read stops
 * with {@link StoreException.TooLarge} at the first byte over it, whatever the stream claimed its length was.
 *
 * <pre>{@code
 * AttachmentContent content = AttachmentContent.read(request.getInputStream(), 16L << 20);
 * }</pre>
 */
public record AttachmentContent(byte[] bytes, String sha256) {
    /** 16 MiB: the hub's default largest attachment. */
    public static final long DEFAULT_MAX_BYTES = 16L << 20;

    /** Bytes given in full (a test, an MCP tool's decoded base64), checked against the limit like a stream. */
    public static AttachmentContent of(byte[] bytes, long maxBytes) {
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return new AttachmentContent(bytes, sha256(bytes));
    }

    /**
     * Reads the stream to its end, at most {@code maxBytes}.
     *
     * @throws StoreException.TooLarge at the first byte past {@code maxBytes} (what was read is dropped)
     */
    public static AttachmentContent read(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, 64 * 1024));
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes - total + 1))) > 0) {
            total += read;
            if (total > maxBytes) {
                throw tooLarge(maxBytes);
            }
            out.write(buffer, 0, read);
        }
        byte[] bytes = out.toByteArray();
        return new AttachmentContent(bytes, sha256(bytes));
    }

    /** The size in bytes. */
    public long size() {
        return bytes.length;
    }

    private static StoreException.TooLarge tooLarge(long maxBytes) {
        return new StoreException.TooLarge("the file is larger than this hub accepts: at most " + maxBytes
                + " bytes (the hub's --max-attachment-bytes)");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
