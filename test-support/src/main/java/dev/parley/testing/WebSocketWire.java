package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The WebSocket wire (RFC 6455) by hand, for tests whose client must do what no library client does (stop reading,
 * offer an extension the JDK's client may not name): the upgrade, a client's masked frame, and reading a frame.
 */
public final class WebSocketWire {
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebSocketWire() {}

    /** A frame as read: its first byte (FIN, RSV1-3, opcode) and its payload, unmasked. */
    public record Frame(int first, byte[] payload) {
        public int opcode() {
            return first & 0x0f;
        }

        public boolean fin() {
            return (first & 0x80) != 0;
        }

        /** RSV1: the payload is compressed (permessage-deflate). */
        public boolean compressed() {
            return (first & 0x40) != 0;
        }
    }

    /**
     * Sends the upgrade request for {@code /ws} (with {@code extraHeaders}, each ending in CRLF) and reads the
     * response head byte by byte, so that nothing of the first frame is consumed; fails unless it is a 101.
     *
     * @return the response head, status line first
     */
    public static String upgrade(OutputStream out, InputStream in, String host, int port, String extraHeaders)
            throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        out.write(("GET /ws HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the upgrade: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        return head.toString();
    }

    /** A client's frame: {@code first} (e.g. 0x81, a final text frame), the payload masked as a client must. */
    public static byte[] clientFrame(int first, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /** Reads one frame (EOFException at the end of the stream). */
    public static Frame read(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] mask = null;
        if ((second & 0x80) != 0) {
            mask = new byte[4];
            in.readFully(mask);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame(first, payload);
    }
}
