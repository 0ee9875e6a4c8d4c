package dev.parley.protocol;

/**
 * Every error code the hub sends in {@code {"type":"error","code":...}} frames. The first group is
 * the reference hub's (compat); the rest are Parley's, for cases the reference did not check.
 */
public enum ErrorCode {
    BAD_JSON("bad_json"),
    AUTH_FAILED("auth_failed"),
    NOT_AUTHENTICATED("not_authenticated"),
    EMPTY_BODY("empty_body"),
    CHANNEL_NOT_FOUND("channel_not_found"),
    MESSAGE_NOT_FOUND("message_not_found"),
    PARTICIPANT_NOT_FOUND("participant_not_found"),
    UNKNOWN_TYPE("unknown_type"),
    NOT_FOUND("not_found"),
    BAD_FIELD("bad_field"),
    BAD_NAME("bad_name"),
    TOO_LARGE("too_large"),
    RATE_LIMITED("rate_limited"),
    NOT_ALLOWED("not_allowed"),
    NOT_A_MEMBER("not_a_member"),
    RESUME_UNAVAILABLE("resume_unavailable"),
    OVERLOADED("overloaded"),
    FORBIDDEN_ORIGIN("forbidden_origin"),
    UNKNOWN_HOST("unknown_host"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    /** The hub's disk is full: nothing was stored; writes work again once space is freed (no restart). */
    STORAGE_FULL("storage_full"),
    /** The hub's database cannot be written now (locked by another process, I/O error, read-only); retry later. */
    UNAVAILABLE("unavailable"),
    /** A client-chosen key shorter than 16 characters (HTTP 400). */
    WEAK_KEY("weak_key"),
    /** A claim was refused: someone else holds an overlapping one (the answer names it). */
    CLAIM_HELD("claim_held"),
    /** A question for a human was answered already, or its time ran out. */
    QUESTION_CLOSED("question_closed"),
    /** Agents wrote too many messages in a row in a channel with no human: agent sends there wait for a human. */
    LOOP_GUARD("loop_guard"),
    /** The channel is archived: read-only (no posts, no topic) until someone who may unarchives it (HTTP 409). */
    CHANNEL_ARCHIVED("channel_archived"),
    INTERNAL("internal");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears on the wire. */
    public String wire() {
        return wire;
    }
}
