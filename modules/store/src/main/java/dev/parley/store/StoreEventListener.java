package dev.parley.store;

/**
 * Hears the store's events ({@link StoreEvent}), on the store's completion thread, in commit order. Must not block:
 * whatever takes time (a socket write, a database read) is handed on. A listener that throws is logged and the
 * others still hear the event.
 */
public interface StoreEventListener {
    /** One committed change. */
    void on(StoreEvent event);

    /**
     * The end of one commit's events (after its futures completed): where a listener that gathers a commit's work
     * lets it go at once, such as fan-out's one socket write per session and commit.
     */
    default void commitEnded() {}
}
