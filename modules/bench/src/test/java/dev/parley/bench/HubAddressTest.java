package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HubAddressTest {
    @Test
    void http_base_gives_a_ws_endpoint_beside_it() {
        HubAddress hub = HubAddress.parse("http://127.0.0.1:9700");

        assertThat(hub.http()).isEqualTo(URI.create("http://127.0.0.1:9700"));
        assertThat(hub.ws()).isEqualTo(URI.create("ws://127.0.0.1:9700/ws"));
        assertThat(hub.resolve("/api/send")).isEqualTo(URI.create("http://127.0.0.1:9700/api/send"));
    }

    @Test
    void https_gives_wss_and_trailing_slashes_and_path_prefixes_are_handled() {
        HubAddress hub = HubAddress.parse("HTTPS://hub.lan/parley/ ");

        assertThat(hub.http()).isEqualTo(URI.create("https://hub.lan/parley"));
        assertThat(hub.ws()).isEqualTo(URI.create("wss://hub.lan/parley/ws"));
    }

    @Test
    void a_websocket_url_names_the_same_hub() {
        assertThat(HubAddress.parse("ws://10.0.0.5:9700/ws")).isEqualTo(HubAddress.parse("http://10.0.0.5:9700"));
        assertThat(HubAddress.parse("wss://hub.lan")).isEqualTo(HubAddress.parse("https://hub.lan"));
    }

    @Test
    void urls_without_a_known_scheme_or_host_are_refused() {
        assertThatThrownBy(() -> HubAddress.parse("127.0.0.1:9700")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HubAddress.parse("ftp://hub")).hasMessageContaining("unsupported scheme");
        assertThatThrownBy(() -> HubAddress.parse("http://")).isInstanceOf(IllegalArgumentException.class);
    }
}
