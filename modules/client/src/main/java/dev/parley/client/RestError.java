package dev.parley.client;

/**
 * The hub answered a REST call with an error status: besides the {@link #code()} it keeps the HTTP
 * status and the hub's own words ({@code error}), for callers that report them without the request
 * line the message starts with (the CLI maps the status to its exit codes).
 */
public final class RestError extends ParleyException {
    private static final long serialVersionUID = 1L;

    private final int status;

    RestError(String code, int status, String detail, String message) {
        super(code, message, detail);
        this.status = status;
    }

    /** The HTTP status, 400 or more. */
    public int status() {
        return status;
    }

}
