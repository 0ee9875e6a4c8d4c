package dev.parley.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.HubConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's allow-lists: read from the environment, normalized, and refused when malformed. */
class OriginPolicyTest {

    @Test
    void reads_comma_separated_lists_from_the_environment_and_normalizes_them() {
        HubConfig config = HubConfig.fromEnvironment(Map.of("PARLEY_HOME", "/tmp/parley-origin-test",
                "PARLEY_ALLOWED_ORIGINS", " HTTPS://Dash.Example.com/ , http://[::1]:8080",
                "PARLEY_ALLOWED_HOSTS", "Parley.LAN,hub.local."));
        assertThat(config.origins().allowedOrigins()).containsExactly("https://dash.example.com", "http://[::1]:8080");
        assertThat(config.origins().allowedHosts()).containsExactly("parley.lan", "hub.local");
        assertThat(HubConfig.fromEnvironment(Map.of()).origins()).isEqualTo(OriginPolicy.NONE);
    }

    @Test
    void refuses_wildcards_paths_and_ports_where_they_do_not_belong() {
        for (String origin : List.of("*", "null", "evil.example", "http://evil.example/path", "http://a:99999")) {
            assertThatThrownBy(() -> new OriginPolicy(List.of(origin), List.of())).as(origin)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(origin);
        }
        for (String host : List.of("*", "parley.lan:9700", "a b", "::1")) {
            assertThatThrownBy(() -> new OriginPolicy(List.of(), List.of(host))).as(host)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(host);
        }
    }

    @Test
    void an_origin_is_the_origin_of_a_request_to_the_same_host_and_port_whatever_the_scheme() {
        WebOrigin origin = WebOrigin.parse("https://chat.example");
        assertThat(origin.isOriginOf(Authority.parse("chat.example"))).isTrue(); // behind a TLS proxy
        assertThat(origin.isOriginOf(Authority.parse("chat.example:443"))).isTrue();
        assertThat(origin.isOriginOf(Authority.parse("chat.example:9700"))).isFalse();
        assertThat(origin.isOriginOf(Authority.parse("other.example"))).isFalse();
        assertThat(WebOrigin.parse("http://127.0.0.1:9700").isOriginOf(Authority.parse("127.0.0.1:9700"))).isTrue();
        assertThat(WebOrigin.parse("http://[::1]:9700").isOriginOf(Authority.parse("[::1]:9700"))).isTrue();
        assertThat(WebOrigin.parse("null")).isNull();
    }
}
