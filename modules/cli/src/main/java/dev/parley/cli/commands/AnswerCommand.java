package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import dev.parley.cli.Settings;
import dev.parley.client.HubHttp;
import dev.parley.client.ParleyClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code parley answer ty-3f2a9c01b7de approve}: answers a question an agent put to a human ({@code ask_human}). The
 * one running the CLI is a person: the name is registered (or confirmed) as a {@code human} first, since only humans
 * answer. Without arguments it lists the open questions one may answer.
 */
@Command(name = "answer", sortOptions = false, description = {"Answer a question an agent asked a human "
        + "(ask_human); with no arguments, list the open questions."})
public final class AnswerCommand extends HubCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "QUESTION_ID", description = "The question's id (its message id).")
    String questionId;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ANSWER", description = "One of its choices, or your words.")
    List<String> words;

    @Override
    protected void run() throws Exception {
        if (questionId == null) {
            listOpen();
            return;
        }
        if (words == null || words.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "say the answer: parley answer "
                    + questionId + " CHOICE");
        }
        Settings s = settings();
        try (ParleyClient client = ParleyClient.builder().serverUrl(s.serverUrl()).name(s.name()).participantType("human")
                .token(s.token()).key(s.key()).connectTimeout(CONNECT_TIMEOUT).build()) {
            client.register(); // as a human: a person runs the CLI
        }
        JsonNode answered = hub().post("/api/questions/" + HubHttp.encode(questionId) + "/answer",
                JsonText.object().put("participant", s.name()).put("answer", String.join(" ", words)));
        if (json()) {
            printJson(answered);
            return;
        }
        out().println("answered " + style().bold(answered.path("answer").asText()) + " to "
                + answered.path("asked_by").asText() + ": " + answered.path("question").asText());
    }

    private void listOpen() throws Exception {
        JsonNode open = hub().get("/api/questions");
        if (json()) {
            printJson(open);
            return;
        }
        if (open.isEmpty()) {
            out().println("no open questions");
            return;
        }
        for (JsonNode q : open) {
            List<String> options = new ArrayList<>();
            q.path("options").forEach(o -> options.add(o.asText()));
            out().println(style().bold(q.path("question_id").asText()) + "  " + q.path("asked_by").asText() + " asks: "
                    + q.path("question").asText());
            out().println("    " + (options.isEmpty() ? "answer in your own words" : String.join(" / ", options))
                    + style().dim("  (until " + q.path("expires_at").asText() + ")"));
        }
    }
}
