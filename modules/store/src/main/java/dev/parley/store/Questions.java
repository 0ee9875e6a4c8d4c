package dev.parley.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Questions for a human ({@code questions}): asking posts the question message and records it in one write task;
 * answering checks — in the task that stores it — that the answerer is a human, the question still open, and stores
 * the answer with the question and the message announcing it (a reply to the question) together. So a question is
 * answered at most once, and never after its time. What the choices are and what the messages say is the hub's;
 * the SQL lives here alone.
 */
public final class Questions {
    /** What asking stores: the question message and the question's terms. */
    public record Ask(NewMessage message, String question, String optionsJson, Instant expiresAt) {
        public Ask {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(optionsJson, "optionsJson");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** A question asked: its row and its message. */
    public record Asked(Question question, StoredMessage message) {}

    /** The answer to an answer. */
    public sealed interface Outcome {
        /** Stored: the question as answered now, and the message that announced the answer. */
        record Accepted(Question question, StoredMessage announcement) implements Outcome {}

        /** Someone answered first: the question with that answer. */
        record AlreadyAnswered(Question question) implements Outcome {}

        /** Its time ran out before an answer. */
        record Expired(Question question) implements Outcome {}
    }

    private static final String COLUMNS = "question_id, channel_id, asked_by, question, options, asked_at, expires_at, "
            + "answered_by, answer, answered_at, answer_id";

    private final WriteQueue writes;
    private final ReaderPool reads;
    private final SqliteMessages messages;

    Questions(WriteQueue writes, ReaderPool reads, SqliteMessages messages) {
        this.writes = writes;
        this.reads = reads;
        this.messages = messages;
    }

    /** Posts the question message (joining its channel on a first post) and records the question. */
    public CompletableFuture<Asked> ask(Ask ask) {
        return writes.submit(sql -> {
            Appended appended = messages.appendJoiningIn(sql, ask.message());
            StoredMessage message = appended.message();
            Instant now = Instant.now();
            Question question = new Question(message.messageId(), message.channelId(), message.sender(),
                    ask.question(), ask.optionsJson(), now, ask.expiresAt(), null, null, null, null);
            sql.update("INSERT INTO questions(question_id, channel_id, asked_by, question, options, asked_at, expires_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)", question.questionId(), question.channelId(),
                    question.askedBy(), question.question(), question.optionsJson(), Timestamps.format(now),
                    Timestamps.format(question.expiresAt()));
            return new Asked(question, message);
        }, SqliteMessages.heapBytes(ask.message().body(), ask.message().metadata()), null);
    }

    /**
     * Answers a question as {@code answerer}, who must be registered as a {@code human} (else {@link
     * StoreException.NotAllowed}); {@code announcement} makes the reply that tells the channel, from the question as
     * answered. Fails with {@link StoreException.MessageNotFound} for an unknown question.
     */
    public CompletableFuture<Outcome> answer(String questionId, String answerer, String answer,
                                             Function<Question, NewMessage> announcement) {
        return writes.submit(sql -> {
            Question question = find(sql, questionId)
                    .orElseThrow(() -> new StoreException.MessageNotFound(questionId));
            if (question.answered()) {
                return new Outcome.AlreadyAnswered(question);
            }
            Instant now = Instant.now();
            if (!question.openAt(now)) {
                return new Outcome.Expired(question);
            }
            String type = sql.one("SELECT participant_type FROM participants WHERE name = ?", row -> row.getString(1),
                    answerer).orElseThrow(() -> new StoreException.ParticipantNotFound(answerer));
            if (!"human".equals(type)) {
                throw new StoreException.NotAllowed("only a human answers a question put to a human; " + answerer
                        + " is registered as '" + type + "'");
            }
            Question answered = new Question(question.questionId(), question.channelId(), question.askedBy(),
                    question.question(), question.optionsJson(), question.askedAt(), question.expiresAt(), answerer,
                    answer, now, null);
            StoredMessage said = messages.appendJoiningIn(sql, announcement.apply(answered)).message();
            sql.update("UPDATE questions SET answered_by = ?, answer = ?, answered_at = ?, answer_id = ? "
                    + "WHERE question_id = ?", answerer, answer, Timestamps.format(now), said.messageId(), questionId);
            Question stored = new Question(answered.questionId(), answered.channelId(), answered.askedBy(),
                    answered.question(), answered.optionsJson(), answered.askedAt(), answered.expiresAt(), answerer,
                    answer, now, said.messageId());
            sql.emit(new StoreEvent.QuestionAnswered(stored));
            return new Outcome.Accepted(stored, said);
        }, SqliteMessages.heapBytes(answer, null), null);
    }

    /** A question by its id (the question message's id). */
    public Optional<Question> find(String questionId) {
        return reads.read(sql -> find(sql, questionId));
    }

    /** The questions still open, oldest first, at most {@code limit}. */
    public List<Question> open(int limit) {
        String now = Timestamps.format(Instant.now());
        return reads.read(sql -> sql.list("SELECT " + COLUMNS + " FROM questions WHERE answered_by IS NULL "
                + "AND expires_at > ? ORDER BY asked_at LIMIT ?", Questions::map, now, limit));
    }

    private static Optional<Question> find(Sql sql, String questionId) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM questions WHERE question_id = ?", Questions::map, questionId);
    }

    private static Question map(java.sql.ResultSet row) throws SQLException {
        return new Question(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                Timestamps.parse(row.getString(6)), Timestamps.parse(row.getString(7)), row.getString(8),
                row.getString(9), row.getString(10) == null ? null : Timestamps.parse(row.getString(10)),
                row.getString(11));
    }
}
