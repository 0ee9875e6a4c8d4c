package dev.parley.bench;

/**
 * A bench participant: a name and the socket it currently owns (a new one after a reconnect; the
 * old one may still deliver frames to this handler until it has closed).
 */
abstract class Peer implements HubSocket.FrameHandler {
    private final String name;
    private volatile HubSocket socket;

    Peer(String name) {
        this.name = name;
    }

    final String name() {
        return name;
    }

    /** The latest socket, or null before the first connect succeeded. */
    final HubSocket socket() {
        return socket;
    }

    final void attach(HubSocket socket) {
        this.socket = socket;
    }
}
