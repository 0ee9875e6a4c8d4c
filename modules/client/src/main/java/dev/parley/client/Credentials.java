package dev.parley.client;

/**
 * The hub token and participant key this client presents, on the socket and on REST. The key can
 * change once: a hub in {@code keys} mode issues one on first registration ({@code auth_ok.key}),
 * and every later connection must present it. Thread-safe.
 */
final class Credentials {
    private final String token;
    private volatile String key;

    Credentials(String token, String key) {
        this.token = token;
        this.key = key;
    }

    String token() {
        return token;
    }

    String key() {
        return key;
    }

    void issued(String newKey) {
        if (newKey != null && !newKey.isBlank()) {
            key = newKey;
        }
    }
}
