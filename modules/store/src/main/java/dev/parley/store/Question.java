package dev.parley.store;

import java.time.Instant;

/**
 * A question put to a human ({@link Questions}): asked as the message {@code questionId} in {@code channelId}, open
 * until {@code expiresAt} or its one answer.
 *
 * @param optionsJson the choices as a JSON array of strings ({@code []}: any text answers)
 * @param answeredBy null while open; then who answered, what ({@code answer}), when, and the message that said so
 */
public record Question(String questionId, String channelId, String askedBy, String question, String optionsJson,
                       Instant askedAt, Instant expiresAt, String answeredBy, String answer, Instant answeredAt,
                       String answerId) {

    /** Whether it has been answered. */
    public boolean answered() {
        return answeredBy != null;
    }

    /** Whether it may still be answered at {@code now}. */
    public boolean openAt(Instant now) {
        return !answered() && expiresAt.isAfter(now);
    }
}
