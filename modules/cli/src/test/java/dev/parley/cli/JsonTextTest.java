package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    private static final String DOCUMENT = "{\"s\":\"é \\\"q\\\" \\n\",\"i\":7,\"l\":12345678901,\"big\":123456789012345678901234567890,"
            + "\"d\":1.5,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,{\"x\":[]},\"y\"],\"o\":{}}";

    @Test
    void parses_and_writes_the_same_trees_as_jackson_databind() throws Exception {
        JsonNode ours = JsonText.parse(DOCUMENT);
        JsonNode theirs = new ObjectMapper().readTree(DOCUMENT);
        assertThat(ours.toString()).isEqualTo(theirs.toString());
        assertThat(new ObjectMapper().readTree(JsonText.write(ours))).isEqualTo(theirs);
        assertThat(JsonText.write(ours, true)).contains("\n").contains("\"s\" : ");
    }

    @Test
    void refuses_what_is_not_one_json_document() {
        assertThatThrownBy(() -> JsonText.parse("")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonText.parse("{} {}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonText.parse("<html>")).isInstanceOf(IOException.class);
    }

    @Test
    void converts_plain_java_values() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("n", 1);
        value.put("list", List.of("a", true, 2.5));
        value.put("nothing", null);
        assertThat(JsonText.write(JsonText.fromValue(value))).isEqualTo("{\"n\":1,\"list\":[\"a\",true,2.5],\"nothing\":null}");
    }
}
