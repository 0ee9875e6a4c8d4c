package dev.parley.client;

/** Where a {@link ParleyClient}'s connection to the hub stands. */
public enum ConnectionState {
    /** Never connected, or the first {@link ParleyClient#connect()} failed. */
    DISCONNECTED,
    /** The first connection is being opened and authenticated. */
    CONNECTING,
    /** Authenticated; sends go out at once and events arrive. */
    CONNECTED,
    /** The connection was lost; the client is trying again with backoff. Sends are queued meanwhile. */
    RECONNECTING,
    /** Closed by {@link ParleyClient#close()}, or the hub refused the credentials on a reconnect. */
    CLOSED
}
