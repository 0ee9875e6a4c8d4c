package dev.parley.server.questions;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A question for a human as an agent asked it, checked the same for every face.
 *
 * @param channel where to ask (a channel id or name), or null when {@code to} names a person (then their DM)
 * @param options the choices (e.g. approve, deny); empty: any text answers
 */
public record QuestionInput(String channel, String to, String question, List<String> options, Duration timeout) {
    public static final int MAX_QUESTION = 4000;
    public static final int MAX_OPTIONS = 10;
    public static final int MAX_OPTION = 80;
    public static final int MAX_ANSWER = 2000;
    public static final long MAX_TIMEOUT_SECONDS = 24 * 3600;
    public static final long DEFAULT_TIMEOUT_SECONDS = 600;

    /** Checks what a client sent. Exactly one of {@code channel} and {@code to}. */
    public static QuestionInput of(String channel, String to, String question, List<String> options, Long timeoutSeconds) {
        boolean hasChannel = channel != null && !channel.isBlank();
        boolean hasTo = to != null && !to.isBlank();
        if (hasChannel == hasTo) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "name exactly one of 'channel' (ask there) and 'to' "
                    + "(a person: ask in your DM with them)");
        }
        if (question == null || question.isBlank()) {
            throw new ProtocolException(ErrorCode.EMPTY_BODY, "'question' is required: what the human should decide");
        }
        String text = question.strip();
        if (text.length() > MAX_QUESTION) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "'question' is " + text.length()
                    + " characters; the limit is " + MAX_QUESTION);
        }
        return new QuestionInput(hasChannel ? channel.strip() : null, hasTo ? to.strip() : null, text,
                options(options), timeout(timeoutSeconds));
    }

    private static List<String> options(List<String> options) {
        if (options == null) {
            return List.of();
        }
        if (options.size() > MAX_OPTIONS) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, options.size() + " options; at most " + MAX_OPTIONS);
        }
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String option : options) {
            String o = option == null ? "" : option.strip();
            if (o.isEmpty() || o.length() > MAX_OPTION || o.codePoints().anyMatch(Character::isISOControl)) {
                throw new ProtocolException(ErrorCode.BAD_FIELD, "each option is 1 to " + MAX_OPTION
                        + " characters on one line, e.g. [\"approve\", \"deny\"]");
            }
            if (!seen.add(o)) {
                throw new ProtocolException(ErrorCode.BAD_FIELD, "option '" + o + "' is listed twice");
            }
        }
        return new ArrayList<>(seen);
    }

    private static Duration timeout(Long seconds) {
        if (seconds == null) {
            return Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
        }
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'timeout' is " + seconds + " s; a question waits 1 to "
                    + MAX_TIMEOUT_SECONDS + " seconds for its answer");
        }
        return Duration.ofSeconds(seconds);
    }
}
