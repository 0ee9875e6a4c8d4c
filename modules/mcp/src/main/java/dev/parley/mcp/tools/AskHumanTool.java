package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.HumanQuestion;
import dev.parley.client.Message;
import dev.parley.mcp.session.AgentSession;
import java.time.Duration;
import java.util.List;

/**
 * {@code ask_human}: put a question to a person and wait for the answer. The hub posts it as an action message
 * (buttons on {@code /chat}, {@code parley answer ID CHOICE} in a shell); only a participant registered as a human
 * may answer, once; the answer arrives as a reply to the question, which ends the wait. On timeout the hub's record
 * is read once more, so an answer that raced the timeout still counts.
 */
final class AskHumanTool {
    private final AgentSession me;

    AskHumanTool(AgentSession me) {
        this.me = me;
    }

    ParleyTool tool() {
        Schema schema = Schema.object()
                .string("question", "What the human should decide, with what they need to know to decide it", true)
                .string("channel", "Ask in this channel (people there see it) ...", false)
                .string("to", "... or ask this person, in your DM with them (name exactly one of channel and to)", false)
                .strings("options", "The choices, e.g. [\"approve\", \"deny\"]; leave out for a free-text answer", false)
                .integer("timeout", "Seconds to wait for an answer (default 600, at most 86400); the call blocks "
                        + "until then", 1, 86_400, false);
        return new ParleyTool("ask_human", "Ask a human and wait",
                "Ask a person for a decision before acting (approve a deploy, pick an option, give an answer) and "
                        + "block until a human answers or the timeout passes. Returns answered=true with answered_by, "
                        + "answer and answered_at, or answered=false, timed_out=true — then do not act on a guess. "
                        + "Only participants registered as humans can answer; agents cannot.",
                schema, ParleyTool.Hints.posting(), this::ask);
    }

    private JsonNode ask(Args args, ParleyTool.Progress progress) {
        me.requireConnection(); // the answer comes over the live session
        double timeout = args.integer("timeout", 600);
        List<String> options = args.strings("options");
        HumanQuestion asked = me.client().askHuman(args.string("channel"), args.string("to"),
                args.requiredText("question"), options, Duration.ofSeconds((long) timeout));
        String id = asked.questionId();
        List<Message> answer = Waits.take(me.client(), m -> id.equals(m.replyTo())
                        && m.metadata().containsKey("parley_answer"), 1, timeout + 1, () -> me.refusal() != null,
                progress, "waiting for a human to answer " + id);
        HumanQuestion now = me.client().question(id); // the record decides, also after a timeout
        ObjectNode result = Views.object().put("question_id", id).put("answered", now.answered());
        if (now.answered()) {
            result.put("answered_by", now.answeredBy()).put("answer", now.answer())
                    .put("answered_at", Views.time(now.answeredAt()));
        } else {
            result.put("timed_out", answer.isEmpty()).put("status", now.status());
        }
        return result;
    }
}
