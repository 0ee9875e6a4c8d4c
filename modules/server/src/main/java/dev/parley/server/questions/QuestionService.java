package dev.parley.server.questions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Json;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.conversation.Conversations;
import dev.parley.server.ops.Metrics;
import dev.parley.store.Channel;
import dev.parley.store.HubStore;
import dev.parley.store.NewMessage;
import dev.parley.store.Question;
import dev.parley.store.Questions;
import dev.parley.store.Reader;
import dev.parley.store.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Questions for a human (ask_human): an agent asks in a channel or a person's DM, with choices or for free text and a
 * timeout; a human answers once; the answer is kept with the question and announced as a reply to it, which is how
 * the asker (and everyone in the channel) hears it. Who may see a question is who may read its message
 * ({@link Conversations}); only a participant registered as {@code human} answers (checked in the write). Thread-safe.
 */
public final class QuestionService {
    /** The {@code metadata} key of a question message. */
    public static final String QUESTION_KEY = "parley_question";
    /** The {@code metadata} key of the message that announces an answer. */
    public static final String ANSWER_KEY = "parley_answer";

    private final HubStore store;
    private final Conversations conversations;
    private final LongAdder asked;
    private final LongAdder answered;

    public QuestionService(HubStore store, Conversations conversations, Metrics metrics) {
        this.store = store;
        this.conversations = conversations;
        this.asked = metrics.counter("parley_questions_asked_total", "Questions put to humans.");
        this.answered = metrics.counter("parley_questions_answered_total", "Questions a human answered.");
    }

    /**
     * The channel a question goes to: the named one (the asker must be able to post there), or the asker's DM with
     * {@code to} (made on first use). Completes at once unless a DM must be made.
     */
    public CompletableFuture<Channel> where(String asker, QuestionInput input) {
        if (input.channel() != null) {
            return CompletableFuture.completedFuture(conversations.postable(asker, input.channel()));
        }
        if (input.to().equals(asker)) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'to' is the asker; name the human who should answer");
        }
        return conversations.dm(asker, input.to());
    }

    /** Asks: posts the question (message type {@code action}) in {@code channel} and records it. */
    public CompletableFuture<Questions.Asked> ask(String asker, Channel channel, QuestionInput input) {
        Instant expires = Instant.now().plus(input.timeout());
        ArrayNode options = Json.mapper().createArrayNode();
        input.options().forEach(options::add);
        ObjectNode details = Json.mapper().createObjectNode();
        details.set("options", options);
        details.put("free_text", input.options().isEmpty());
        details.put("expires_at", Timestamps.format(expires));
        ObjectNode metadata = Json.mapper().createObjectNode();
        metadata.set(QUESTION_KEY, details);
        String body = input.question() + (input.options().isEmpty() ? "\n\n(answer in your own words)"
                : "\n\nAnswer: " + String.join(" / ", input.options()));
        NewMessage message = new NewMessage(channel.channelId(), asker, body, "action", "urgent", null,
                metadata.toString(), null, null);
        return store.questions().ask(new Questions.Ask(message, input.question(), options.toString(), expires))
                .thenApply(result -> {
                    asked.increment();
                    return result;
                });
    }

    /**
     * Answers a question the answerer may read: one of its options (matched without regard to case), or for a
     * free-text question any text. Fails with {@code question_closed} when answered already or out of time, and
     * {@code not_allowed} for an answerer that is not a human.
     */
    public CompletableFuture<Question> answer(String answerer, String questionId, String answer) {
        conversations.message(Reader.named(answerer), questionId); // what one may not read, one may not answer
        Question question = store.questions().find(questionId).orElseThrow(() ->
                new ProtocolException(ErrorCode.MESSAGE_NOT_FOUND, "no question " + questionId));
        String choice = choice(question, answer);
        return store.questions().answer(questionId, answerer, choice, this::announcement).thenApply(outcome -> {
            if (outcome instanceof Questions.Outcome.Accepted accepted) {
                answered.increment();
                return accepted.question();
            }
            if (outcome instanceof Questions.Outcome.AlreadyAnswered already) {
                Question q = already.question();
                throw new ProtocolException(ErrorCode.QUESTION_CLOSED, "already answered by " + q.answeredBy()
                        + " at " + Timestamps.format(q.answeredAt()) + ": " + q.answer());
            }
            throw new ProtocolException(ErrorCode.QUESTION_CLOSED, "the question timed out at "
                    + Timestamps.format(question.expiresAt()) + " without an answer");
        });
    }

    /** A question the reader may read. */
    public Question question(Reader reader, String questionId) {
        conversations.message(reader, questionId);
        return store.questions().find(questionId).orElseThrow(() ->
                new ProtocolException(ErrorCode.MESSAGE_NOT_FOUND, "no question " + questionId));
    }

    /** The open questions the reader may read, oldest first. */
    public List<Question> open(Reader reader) {
        List<Question> visible = new ArrayList<>();
        for (Question question : store.questions().open(500)) {
            if (conversations.canRead(reader, question.channelId())) {
                visible.add(question);
            }
        }
        return visible;
    }

    /** A question's choices ({@code []}: free text). */
    public static List<String> options(Question question) {
        List<String> options = new ArrayList<>();
        try {
            Json.mapper().readTree(question.optionsJson()).forEach(o -> options.add(o.asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored options are not JSON: " + question.optionsJson(), e);
        }
        return options;
    }

    private static String choice(Question question, String answer) {
        if (answer == null || answer.isBlank()) {
            throw new ProtocolException(ErrorCode.EMPTY_BODY, "'answer' is required");
        }
        String text = answer.strip();
        List<String> options = options(question);
        if (options.isEmpty()) {
            if (text.length() > QuestionInput.MAX_ANSWER) {
                throw new ProtocolException(ErrorCode.TOO_LARGE, "the answer is " + text.length()
                        + " characters; the limit is " + QuestionInput.MAX_ANSWER);
            }
            return text;
        }
        for (String option : options) {
            if (option.equalsIgnoreCase(text)) {
                return option;
            }
        }
        throw new ProtocolException(ErrorCode.BAD_FIELD, "'" + text + "' is not one of the choices: "
                + String.join(", ", options));
    }

    private NewMessage announcement(Question question) {
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("question_id", question.questionId());
        details.put("answer", question.answer());
        ObjectNode metadata = Json.mapper().createObjectNode();
        metadata.set(ANSWER_KEY, details);
        return new NewMessage(question.channelId(), question.answeredBy(), "answered: " + question.answer(), "text",
                "normal", question.questionId(), metadata.toString(), null, null);
    }

    /** A question as every face shows it. */
    public static ObjectNode view(Question q, Instant now) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("question_id", q.questionId());
        node.put("channel_id", q.channelId());
        node.put("asked_by", q.askedBy());
        node.put("question", q.question());
        ArrayNode options = node.putArray("options");
        options(q).forEach(options::add);
        node.put("free_text", options.isEmpty());
        node.put("status", q.answered() ? "answered" : q.openAt(now) ? "open" : "expired");
        node.put("asked_at", Timestamps.format(q.askedAt()));
        node.put("expires_at", Timestamps.format(q.expiresAt()));
        node.put("answered_by", q.answeredBy());
        node.put("answer", q.answer());
        node.put("answered_at", q.answeredAt() == null ? null : Timestamps.format(q.answeredAt()));
        node.put("answer_id", q.answerId());
        return node;
    }
}
