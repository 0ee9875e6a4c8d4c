package dev.parley.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;

/** What a {@link ParleyClientBuilder} collected, checked. */
record ClientSettings(URI serverUri, String name, String displayName, String participantType, String token,
                      String key, boolean compatOnly, boolean inbox, Duration backoffInitial, Duration backoffMax,
                      Duration connectTimeout, Duration requestTimeout, Duration sendTimeout, Duration pingInterval,
                      Duration ackDelay, int inboxMaxMessages, long inboxMaxBytes) {

    /** The WebSocket endpoint beside the server URL. */
    URI socketUri() {
        return HubAddress.parse(serverUri.toString()).ws();
    }

    /**
     * A frame that says who this client is ({@code auth} or {@code register}): the name, the profile
     * and the credentials, each only when set.
     */
    ObjectNode introduction(String type, Credentials credentials) {
        ObjectNode frame = Wire.frame(type).put("name", name);
        putIfSet(frame, "display_name", displayName);
        putIfSet(frame, "participant_type", participantType);
        putIfSet(frame, "token", credentials.token());
        putIfSet(frame, "key", credentials.key());
        return frame;
    }

    private static void putIfSet(ObjectNode frame, String field, String value) {
        if (value != null) {
            frame.put(field, value);
        }
    }
}
