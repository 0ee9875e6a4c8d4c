package dev.parley.protocol;

/**
 * A client's request cannot be served; carries the wire code and a human-readable detail.
 * The socket turns it into an {@code error} frame, REST into {@code {"error": detail}} with the
 * matching status.
 */
public class ProtocolException extends RuntimeException {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
