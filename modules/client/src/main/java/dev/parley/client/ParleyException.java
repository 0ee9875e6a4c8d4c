package dev.parley.client;

/**
 * Why a call to the hub failed. {@link #code()} is the hub's error code ({@code channel_not_found},
 * {@code not_allowed}, {@code auth_failed}, ...) or one of the client's own codes below; {@link #getMessage()}
 * says it in words.
 */
public class ParleyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The hub could not be reached (nothing listening, network down). */
    public static final String UNREACHABLE = "unreachable";
    /** No answer within the time allowed. */
    public static final String TIMEOUT = "timeout";
    /** {@code request}: the target is not connected, so nobody would answer. */
    public static final String NO_RESPONDERS = "no_responders";
    /** The client was closed, or has not connected yet. */
    public static final String CLOSED = "closed";
    /** The hub does not offer what the call needs (a compat-only hub). */
    public static final String NOT_SUPPORTED = "not_supported";
    /** The calling thread was interrupted while waiting. */
    public static final String INTERRUPTED = "interrupted";
    /** The hub answered something the client could not understand. */
    public static final String BAD_ANSWER = "bad_answer";

    private final String code;
    private final String detail;

    /** An error with a code and a message. */
    public ParleyException(String code, String message) {
        this(code, message, (Throwable) null);
    }

    /** An error with a code, a message and its cause. */
    public ParleyException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.detail = cause instanceof ParleyException parley ? parley.detail() : message;
    }

    /** An error whose {@link #detail} (the hub's own words) differs from its message. */
    ParleyException(String code, String message, String detail) {
        super(message);
        this.code = code;
        this.detail = detail;
    }

    /** The error code: the hub's, or one of this class's constants. */
    public String code() {
        return code;
    }

    /**
     * The hub's own explanation when the hub answered with an error (e.g. {@code channel not found: x}),
     * without the call it answered; otherwise the same as {@link #getMessage()}.
     */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return "ParleyException[" + code + "]: " + getMessage();
    }
}
