package dev.parley.server.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A text frame encoded once as UTF-8 and shared by every session it goes to: a message fanned out to a hundred
 * receivers is one array, not a hundred strings each encoded again by the socket layer.
 */
public final class OutboundFrame {
    private final byte[] utf8;

    private OutboundFrame(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The frame of this JSON text. */
    public static OutboundFrame of(String text) {
        return new OutboundFrame(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Its size on the wire (the payload), in bytes: what it counts against a session's budgets. */
    public int size() {
        return utf8.length;
    }

    /** A new buffer over the shared bytes, for one write (a write moves its position, never its bytes). */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(utf8);
    }

    /** The frame as text (for transports and tests that want one). */
    public String text() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text();
    }
}
