package dev.parley.bench;

/**
 * A bench participant: a name and the session it currently owns (a new one after a reconnect; the
 * old one may still deliver frames to this handler until it has closed).
 */
abstract class Peer implements CompatSession.FrameHandler {
    private final String name;
    private volatile CompatSession session;

    Peer(String name) {
        this.name = name;
    }

    final String name() {
        return name;
    }

    /** The latest session, or null before the first connect succeeded. */
    final CompatSession session() {
        return session;
    }

    final void attach(CompatSession latest) {
        this.session = latest;
    }
}
