package dev.parley.client;

/**
 * The hub answered a REST call with an error status: besides the {@link #code()} it keeps the HTTP
 * status and the hub's own words ({@code error}), for callers that report them without the request
 * line the message starts with (the CLI maps the status to its exit codes).
 */
public final class RestError extends ParleyException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String detail;

    RestError(String code, int status, String detail, String message) {
        super(code, message);
        this.status = status;
        this.detail = detail;
    }

    /** The HTTP status, 400 or more. */
    public int status() {
        return status;
    }

    /** What the hub said was wrong ({@code error} of its answer), or the body when it is not a Parley answer. */
    public String detail() {
        return detail;
    }
}
