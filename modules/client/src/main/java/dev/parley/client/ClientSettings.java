package dev.parley.client;

import java.net.URI;
import java.time.Duration;

/** What a {@link ParleyClientBuilder} collected, checked. */
record ClientSettings(URI serverUri, String name, String displayName, String participantType, String token,
                      String key, boolean compatOnly, boolean inbox, Duration backoffInitial, Duration backoffMax,
                      Duration connectTimeout, Duration requestTimeout, Duration sendTimeout, Duration pingInterval,
                      Duration ackDelay) {

    /** The WebSocket endpoint beside the server URL. */
    URI socketUri() {
        return HubAddress.parse(serverUri.toString()).ws();
    }
}
