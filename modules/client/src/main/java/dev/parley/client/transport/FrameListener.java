package dev.parley.client.transport;

/**
 * Hears what happens on a {@link FrameSocket}. Both methods run on the socket's reader thread (the
 * HTTP client's executor), one call at a time, and must not block: a blocked listener stalls the
 * socket, since the next frame is read only after the previous call returned.
 */
public interface FrameListener {
    /** A whole text frame arrived (parts of a fragmented message already joined). */
    void onFrame(FrameSocket socket, String text);

    /**
     * The socket is gone, however it ended (the hub closed it, the network failed, it stayed silent
     * too long, {@link FrameSocket#close} or {@link FrameSocket#abort}); called exactly once, and
     * only for a socket that opened.
     */
    void onClosed(FrameSocket socket, Throwable cause);
}
