package dev.parley.mcp.hub;

/**
 * A failure the hub reported (a REST error body or a socket {@code error} frame), or a failure to
 * reach it at all. Carries the hub's error code so tools can explain what to do next.
 */
public final class HubException extends RuntimeException {
    /** Code for "no answer from the hub" (connection refused, timeout); not a hub error code. */
    public static final String UNREACHABLE = "unreachable";

    private final String code;
    private final int status;

    public HubException(String code, int status, String detail) {
        super(detail);
        this.code = code;
        this.status = status;
    }

    /** The hub's error code ({@code channel_not_found}, {@code auth_failed}, ...) or {@link #UNREACHABLE}. */
    public String code() {
        return code;
    }

    /** The HTTP status, or 0 for socket errors and unreachable hubs. */
    public int status() {
        return status;
    }

    /** The hub's own explanation. */
    public String detail() {
        return getMessage();
    }

    /** The part after {@code "...: "} in details such as {@code "channel not found: x"}, or null. */
    public String subject() {
        String detail = getMessage();
        int colon = detail == null ? -1 : detail.lastIndexOf(": ");
        return colon < 0 ? null : detail.substring(colon + 2);
    }
}
