package dev.parley.mcp.tools;

import dev.parley.mcp.hub.HubException;

/** Turns hub errors into messages that tell the agent what went wrong and which tool helps. */
final class HubErrors {
    private HubErrors() {}

    static String explain(HubException e) {
        String subject = e.subject();
        return switch (e.code()) {
            case "channel_not_found" -> "channel '" + orDetail(subject, e) + "' not found; list_channels shows the channels"
                    + " (create_channel makes a new one)";
            case "message_not_found" -> "message '" + orDetail(subject, e) + "' not found; read_messages or search shows"
                    + " message ids";
            case "participant_not_found" -> "participant '" + orDetail(subject, e) + "' not found; participants lists who"
                    + " exists";
            case "empty_body" -> "'body' must not be empty";
            case "auth_failed", "not_authenticated" -> e.detail() + " (set PARLEY_TOKEN / --token to the hub token, and"
                    + " PARLEY_KEY / --key to this name's key)";
            case "not_a_member" -> e.detail() + "; join_channel joins group channels (DMs are only for their two members)";
            case "rate_limited", "overloaded" -> e.detail() + "; retry in a moment";
            case HubException.UNREACHABLE, "not_allowed", "too_large", "bad_field", "bad_name", "bad_json" -> e.detail();
            default -> "the hub refused this (" + e.code() + "): " + e.detail();
        };
    }

    private static String orDetail(String subject, HubException e) {
        return subject != null ? subject : e.detail();
    }
}
