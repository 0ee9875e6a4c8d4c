package dev.parley.client;

import java.time.Duration;

/** Clients with settings that suit tests: quick reconnects, bounded waits. */
final class TestClients {
    private TestClients() {}

    static ParleyClientBuilder builder(String url, String name) {
        return ParleyClient.builder().serverUrl(url).name(name)
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(10))
                .sendTimeout(Duration.ofSeconds(45));
    }

    /** A connected client. */
    static ParleyClient connected(String url, String name) {
        ParleyClient client = builder(url, name).build();
        client.connect();
        return client;
    }
}
