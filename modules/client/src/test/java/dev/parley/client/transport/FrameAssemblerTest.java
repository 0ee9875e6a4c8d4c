package dev.parley.client.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameAssemblerTest {
    @Test
    void parts_of_a_text_message_are_joined_when_the_last_arrives() {
        FrameAssembler assembler = new FrameAssembler();

        assertThat(assembler.append("{\"type\":", false)).isNull();
        assertThat(assembler.append("\"mess", false)).isNull();
        assertThat(assembler.append("age\"}", true)).isEqualTo("{\"type\":\"message\"}");
        assertThat(assembler.append("{\"type\":\"pong\"}", true)).isEqualTo("{\"type\":\"pong\"}");
        assertThat(assembler.append("{", false)).isNull();
        assertThat(assembler.append("}", true)).isEqualTo("{}");
    }
}
