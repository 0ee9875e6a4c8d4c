package dev.parley.client.transport;

/**
 * Joins the parts the JDK WebSocket hands a text message in ({@code last} marks the final part).
 * Not thread-safe: one per socket, fed from that socket's listener, whose calls never overlap.
 */
final class FrameAssembler {
    private StringBuilder pending;

    /** Adds a part; returns the whole message when {@code last}, else null. */
    String append(CharSequence part, boolean last) {
        if (pending == null) {
            if (last) {
                return part.toString();
            }
            pending = new StringBuilder(Math.max(256, part.length() * 2));
        }
        pending.append(part);
        if (!last) {
            return null;
        }
        String whole = pending.toString();
        pending = null;
        return whole;
    }
}
