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
    void anything_else_is_a_usage_error() {
        for (String bad : new String[] {"http://hub:9700#t", "parley://hub#t", "parley://hub:9700", "parley://hub:9700#",
                "not a code"}) {
            assertThatThrownBy(() -> JoinCode.parse(bad)).as(bad).isInstanceOf(CliException.class)
                    .satisfies(e -> assertThat(((CliException) e).exit()).isEqualTo(Exit.USAGE));
        }
    }
}
