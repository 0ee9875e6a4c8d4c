package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HubAddressTest {

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:9700,        http://127.0.0.1:9700,   ws://127.0.0.1:9700/ws",
        "http://127.0.0.1:9700/,       http://127.0.0.1:9700,   ws://127.0.0.1:9700/ws",
        "https://hub.local:443,        https://hub.local:443,   wss://hub.local:443/ws",
        "ws://127.0.0.1:9700/ws,       http://127.0.0.1:9700,   ws://127.0.0.1:9700/ws",
        "ws://127.0.0.1:9700,          http://127.0.0.1:9700,   ws://127.0.0.1:9700/ws",
        "wss://hub.local:8443/ws/,     https://hub.local:8443,  wss://hub.local:8443/ws",
        "127.0.0.1:5000,               http://127.0.0.1:5000,   ws://127.0.0.1:5000/ws",
        "hub.local,                    http://hub.local:9700,   ws://hub.local:9700/ws",
        "HTTP://Hub.Local:1,           http://Hub.Local:1,      ws://Hub.Local:1/ws",
        "[::1]:9701,                   http://[::1]:9701,       ws://[::1]:9701/ws",
        "http://[fe80::1]:9700/ws,     http://[fe80::1]:9700,   ws://[fe80::1]:9700/ws",
        "[::1],                        http://[::1]:9700,       ws://[::1]:9700/ws",
        "::1,                          http://[::1]:9700,       ws://[::1]:9700/ws",
    })
    void everyAcceptedFormNamesTheSameEndpoints(String text, String http, String ws) {
        HubAddress address = HubAddress.parse(text);
        assertThat(address.http()).hasToString(http);
        assertThat(address.ws()).hasToString(ws);
        assertThat(address.resolve("/api/send")).hasToString(http + "/api/send");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "ftp://hub:9700", "http://", "http://:9700", "hub:port",
        "hub:0", "hub:70000", "http://hub:9700/api", "http://user@hub:9700", "http://::1:9700",
        "[::1", "[::1]x", "hub name:9700", "http://hub:9700?x=1"})
    void anythingElseIsRefusedInOneLineNamingTheForms(String text) {
        assertThatThrownBy(() -> HubAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a hub address")
                .hasMessageContaining(HubAddress.ACCEPTED_FORMS)
                .hasMessageNotContaining("\n");
    }

    @org.junit.jupiter.api.Test
    void nullIsRefusedToo() {
        assertThatThrownBy(() -> HubAddress.parse(null)).hasMessageStartingWith("not a hub address");
    }
}
