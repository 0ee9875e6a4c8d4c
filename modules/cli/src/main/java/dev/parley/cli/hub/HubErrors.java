package dev.parley.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.JsonText;

/**
 * The one mapper from the hub's error answers ({@code {"error": detail, "code": code}} with a 4xx/5xx status, or
 * an {@code error} frame on the socket) to exit codes and messages with a hint.
 */
public final class HubErrors {
    private HubErrors() {}

    /** A REST error answer. */
    public static CliException of(String baseUrl, int status, String body) {
        String detail = null;
        String code = null;
        try {
            JsonNode error = JsonText.parse(body);
            detail = error.path("error").asText(null);
            code = error.path("code").asText(null);
        } catch (Exception notJson) {
            // Not a Parley answer: the status alone speaks.
        }
        if (detail == null) {
            detail = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
        }
        Exit exit = switch (status) {
            case 401, 403 -> Exit.REFUSED;
            case 404 -> Exit.NOT_FOUND;
            case 400, 405, 409, 413, 422 -> Exit.REJECTED;
            case 429, 503, 507 -> Exit.HUB_BUSY;
            default -> Exit.UNEXPECTED;
        };
        if ("not_found".equals(code) || code == null && status == 404) {
            return new CliException(exit, detail + " (is the hub at " + baseUrl + " a Parley hub of this version?)");
        }
        return new CliException(exit, detail + hint(code, detail));
    }

    /** A socket {@code error} frame. */
    public static CliException ofFrame(JsonNode frame) {
        String code = frame.path("code").asText("");
        String detail = frame.path("detail").asText(code);
        Exit exit = switch (code) {
            case "auth_failed", "not_authenticated", "not_allowed", "not_a_member" -> Exit.REFUSED;
            case "channel_not_found", "message_not_found", "participant_not_found", "not_found" -> Exit.NOT_FOUND;
            case "rate_limited", "overloaded", "storage_full", "unavailable" -> Exit.HUB_BUSY;
            case "internal" -> Exit.UNEXPECTED;
            default -> Exit.REJECTED;
        };
        return new CliException(exit, detail + hint(code, detail));
    }

    /** A failure of the client library ({@code ParleyException}): its code is the hub's, or the client's own. */
    public static CliException ofClient(String baseUrl, String code, String message) {
        return switch (code) {
            case "unreachable", "timeout" -> new CliException(Exit.HUB_UNREACHABLE, unreachableOrSlow(baseUrl, code, message));
            case "closed", "interrupted" -> new CliException(Exit.UNEXPECTED, message);
            case "not_supported", "bad_answer" -> new CliException(Exit.UNEXPECTED, message + " (is the hub at " + baseUrl
                    + " a Parley hub of this version?)");
            default -> ofFrame(JsonText.object().put("code", code).put("detail", message));
        };
    }

    private static String unreachableOrSlow(String baseUrl, String code, String message) {
        return code.equals("timeout") ? "the hub at " + baseUrl + " did not answer in time: " + message
                : HubHttp.unreachable(baseUrl, null);
    }

    private static String hint(String code, String detail) {
        if (code == null) {
            return "";
        }
        return switch (code) {
            case "channel_not_found" -> " (list channels with `parley channels`; a DM is there only for its two members,"
                    + " read as one of them with --name and --key)";
            case "participant_not_found" -> " (list participants with `parley participants`)";
            case "auth_failed", "not_authenticated" -> detail.contains("token")
                    ? ": pass the hub token with --token or PARLEY_TOKEN, or store a join code from `parley invite`"
                            + " (run on the hub's machine) with `parley join <code>`"
                    : detail.contains("key") ? ": pass the participant's key with --key or PARLEY_KEY" : "";
            case "rate_limited", "overloaded", "unavailable" -> " (retry shortly)";
            case "storage_full" -> " (free disk space on the hub's machine; the hub recovers without a restart)";
            default -> "";
        };
    }

    private static String abbreviate(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
