package dev.parley.server.socket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InboundFrame;
import dev.parley.server.HubServices;
import dev.parley.server.questions.QuestionInput;
import dev.parley.server.questions.QuestionService;
import dev.parley.server.session.Session;
import dev.parley.server.wire.WireFormat;
import java.time.Instant;

/**
 * The {@code questions} extension on the socket: {@code ask_human} → {@code question_asked} {@code question}, and
 * {@code answer} {@code question_id}, {@code answer} → {@code answer_result} {@code question}; answers echo the frame's
 * {@code client_msg_id}. The question itself and the reply announcing its answer reach members as messages.
 */
final class QuestionFrames {
    private final HubServices hub;

    QuestionFrames(HubServices hub) {
        this.hub = hub;
    }

    void ask(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String asker = session.participant();
        QuestionInput input = QuestionInput.of(frame.string("channel"), frame.string("to"), frame.string("question"),
                frame.strings("options"), frame.integer("timeout"));
        hub.questions().where(asker, input).thenCompose(channel -> hub.questions().ask(asker, channel, input))
                .whenComplete((asked, failure) -> {
                    if (failure != null) {
                        failed.reply(session, frame, failure);
                    } else {
                        answer(session, frame, "question_asked", QuestionService.view(asked.question(), Instant.now()));
                    }
                });
    }

    void answer(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        hub.questions().answer(session.participant(), frame.requiredString("question_id", ErrorCode.BAD_FIELD), frame.string("answer"))
                .whenComplete((question, failure) -> {
                    if (failure != null) {
                        failed.reply(session, frame, failure);
                    } else {
                        answer(session, frame, "answer_result", QuestionService.view(question, Instant.now()));
                    }
                });
    }

    private static void answer(Session session, InboundFrame frame, String type, ObjectNode question) {
        ObjectNode out = Replies.to(frame, type);
        out.set("question", question);
        session.send(WireFormat.text(out));
    }
}
