package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JoinCodeTest {
    @Test
    void a_join_code_names_the_hub_and_its_token() {
        JoinCode code = JoinCode.parse("parley://10.0.0.5:9700#Ab-_9xYz");
        assertThat(code.host()).isEqualTo("10.0.0.5");
        assertThat(code.port()).isEqualTo(9700);
        assertThat(code.token()).isEqualTo("Ab-_9xYz");
        assertThat(code.serverUrl()).isEqualTo("http://10.0.0.5:9700");
        assertThat(code).hasToString("parley://10.0.0.5:9700#Ab-_9xYz");
        assertThat(JoinCode.parse(" parley://hub.lan:1#t ").host()).isEqualTo("hub.lan");
    }

    @Test
    void the_hub_part_is_read_as_every_hub_address_is() {
        JoinCode ipv6 = JoinCode.parse("parley://[::1]:9800#t");
        assertThat(ipv6.host()).isEqualTo("[::1]");
        assertThat(ipv6.serverUrl()).isEqualTo("http://[::1]:9800");
        assertThat(ipv6).hasToString("parley://[::1]:9800#t");
        assertThat(JoinCode.parse("parley://hub#t").port()).isEqualTo(9700);
    }

    @Test
    void anything_else_is_a_usage_error() {
        for (String bad : new String[] {"http://hub:9700#t", "parley://hub:x#t", "parley://hub:9700", "parley://hub:9700#",
                "not a code", "parley://http://hub:9700#t", "parley://hub:9700/ws#t"}) {
            assertThatThrownBy(() -> JoinCode.parse(bad)).as(bad).isInstanceOf(CliException.class)
                    .satisfies(e -> assertThat(((CliException) e).exit()).isEqualTo(Exit.USAGE));
        }
    }
}
