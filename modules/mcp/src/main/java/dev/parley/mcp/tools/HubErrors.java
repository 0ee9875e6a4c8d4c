package dev.parley.mcp.tools;

import dev.parley.client.ParleyException;

/** Turns hub errors into messages that tell the agent what went wrong and which tool helps. */
final class HubErrors {
    private HubErrors() {}

    static String explain(ParleyException e) {
        String detail = e.detail();
        String subject = subject(detail);
        return switch (e.code()) {
            case "channel_not_found" -> "channel '" + orDetail(subject, detail) + "' not found; list_channels shows the"
                    + " channels (create_channel makes a new one)";
            case "message_not_found" -> "message '" + orDetail(subject, detail) + "' not found; read_messages or search"
                    + " shows message ids";
            case "participant_not_found" -> "participant '" + orDetail(subject, detail) + "' not found; participants"
                    + " lists who exists";
            case "empty_body" -> "'body' must not be empty";
            case "auth_failed", "not_authenticated" -> detail + " (set PARLEY_TOKEN / --token to the hub token, and"
                    + " PARLEY_KEY / --key to this name's key)";
            case "not_a_member" -> detail + "; join_channel joins group channels (DMs are only for their two members)";
            case "rate_limited", "overloaded" -> detail + "; retry in a moment";
            case "not_allowed", "too_large", "bad_field", "bad_name", "bad_json" -> detail;
            case ParleyException.UNREACHABLE, ParleyException.TIMEOUT, ParleyException.CLOSED,
                    ParleyException.INTERRUPTED, ParleyException.NOT_SUPPORTED, ParleyException.BAD_ANSWER ->
                    e.getMessage();
            default -> "the hub refused this (" + e.code() + "): " + detail;
        };
    }

    /** The part after {@code "...: "} in details such as {@code "channel not found: x"}, or null. */
    private static String subject(String detail) {
        int colon = detail == null ? -1 : detail.lastIndexOf(": ");
        return colon < 0 ? null : detail.substring(colon + 2);
    }

    private static String orDetail(String subject, String detail) {
        return subject != null ? subject : detail;
    }
}
