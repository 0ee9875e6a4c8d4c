package dev.parley.client;

import java.net.URI;
import java.time.Duration;

/** What a {@link ParleyClientBuilder} collected, checked. */
record ClientSettings(URI serverUri, String name, String displayName, String participantType, String token,
                      String key, boolean compatOnly, boolean inbox, Duration backoffInitial, Duration backoffMax,
                      Duration connectTimeout, Duration requestTimeout, Duration sendTimeout, Duration pingInterval,
                      Duration ackDelay, int inboxMaxMessages, long inboxMaxBytes) {

    /** The WebSocket endpoint: the server URL with {@code ws}/{@code wss} and path {@code /ws}. */
    URI socketUri() {
        String scheme = serverUri.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + serverUri.getRawAuthority() + "/ws");
    }
}
