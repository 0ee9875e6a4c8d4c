package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.HubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** parley answer: a person answers an agent's question from a shell. */
class AnswerCommandTest {
    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    private final Cli nina = Cli.at(hub).with("PARLEY_NAME", "nina");

    @Test
    void lists_open_questions_and_answers_one_as_a_human() throws Exception {
        JsonNode asked = hub.rest().postJson("/api/questions", "{\"participant\":\"release-bot\",\"channel\":\"general\","
                + "\"question\":\"Tag v3.0?\",\"options\":[\"tag\",\"wait\"]}");
        String id = asked.path("question_id").asText();

        Cli.Result open = nina.run("answer");
        assertThat(open.code()).as(open.toString()).isZero();
        assertThat(open.out()).contains(id).contains("release-bot asks: Tag v3.0?").contains("tag / wait");

        Cli.Result wrong = nina.run("answer", id, "maybe");
        assertThat(wrong.code()).as(wrong.toString()).isNotZero();
        assertThat(wrong.err()).contains("not one of the choices: tag, wait");

        Cli.Result answered = nina.run("answer", id, "tag");
        assertThat(answered.code()).as(answered.toString()).isZero();
        assertThat(answered.out()).contains("answered tag to release-bot");
        assertThat(hub.rest().getJson("/api/questions/" + id).path("answered_by").asText()).isEqualTo("nina");
        assertThat(nina.run("answer").out()).contains("no open questions");

        Cli.Result late = nina.run("answer", id, "wait");
        assertThat(late.code()).as(late.toString()).isNotZero();
        assertThat(late.err()).contains("already answered by nina");
    }
}
