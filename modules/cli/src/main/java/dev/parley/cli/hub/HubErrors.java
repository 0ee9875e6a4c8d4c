package dev.parley.cli.hub;

import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.client.ParleyException;
import dev.parley.client.RestError;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * The one mapper from failures of the client library ({@link ParleyException}: a REST error answer, an
 * {@code error} frame, a hub that cannot be reached) to exit codes and messages with a hint.
 */
public final class HubErrors {
    private HubErrors() {}

    /** Any failure of a call to the hub at {@code baseUrl}. */
    public static CliException of(String baseUrl, ParleyException failure) {
        if (failure instanceof RestError rest) {
            return ofRest(baseUrl, rest);
        }
        String code = failure.code();
        return switch (code) {
            case ParleyException.UNREACHABLE -> new CliException(Exit.HUB_UNREACHABLE,
                    unreachable(baseUrl, failure.getCause()), failure);
            case ParleyException.TIMEOUT -> new CliException(Exit.HUB_UNREACHABLE, "the hub at " + baseUrl
                    + " did not answer in time: " + failure.getMessage(), failure);
            // The server answered, but not as a Parley hub does: for a user, no hub answers there.
            case ParleyException.BAD_ANSWER -> new CliException(Exit.HUB_UNREACHABLE, failure.getMessage(), failure);
            case ParleyException.CLOSED, ParleyException.INTERRUPTED -> new CliException(Exit.UNEXPECTED,
                    failure.getMessage(), failure);
            case ParleyException.NOT_SUPPORTED -> new CliException(Exit.UNEXPECTED, failure.getMessage()
                    + " (is the hub at " + baseUrl + " a Parley hub of this version?)", failure);
            default -> new CliException(exitOf(code), failure.getMessage() + hint(code, failure.getMessage()), failure);
        };
    }

    /** The message every command gives when nothing answers at the hub URL. */
    public static String unreachable(String baseUrl, Throwable cause) {
        return "hub not reachable at " + baseUrl + (cause == null ? "" : " (" + describe(cause) + ")")
                + ": is it running? start it with `java Bootstrap.java` or `parley serve`";
    }

    /** A REST error answer: the status says how bad, the code which hint. */
    private static CliException ofRest(String baseUrl, RestError error) {
        Exit exit = switch (error.status()) {
            case 401, 403 -> Exit.REFUSED;
            case 404 -> Exit.NOT_FOUND;
            case 400, 405, 409, 413, 422 -> Exit.REJECTED;
            case 429, 503, 507 -> Exit.HUB_BUSY;
            default -> Exit.UNEXPECTED;
        };
        boolean parleyAnswer = !error.code().startsWith("http_"); // the client's code for an answer without one
        String body = error.detail() == null || error.detail().isBlank() ? "" : abbreviate(error.detail());
        String detail = parleyAnswer && !body.isEmpty() ? body
                : "HTTP " + error.status() + (body.isEmpty() ? "" : ": " + body);
        if (error.status() == 404 && (error.code().equals("not_found")
                || error.code().equals(ParleyException.NOT_SUPPORTED))) {
            return new CliException(exit, detail + " (is the hub at " + baseUrl + " a Parley hub of this version?)", error);
        }
        return new CliException(exit, detail + hint(error.code(), detail), error);
    }

    /** An error code on the socket (no status there). */
    private static Exit exitOf(String code) {
        return switch (code) {
            case "auth_failed", "not_authenticated", "not_allowed", "not_a_member", "forbidden_origin" -> Exit.REFUSED;
            case "channel_not_found", "message_not_found", "participant_not_found", "not_found" -> Exit.NOT_FOUND;
            case "rate_limited", "overloaded", "storage_full", "unavailable" -> Exit.HUB_BUSY;
            case "internal" -> Exit.UNEXPECTED;
            default -> Exit.REJECTED;
        };
    }

    private static String hint(String code, String detail) {
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

    /**
     * A short cause for a connection failure: "connection refused", "connection timed out", "unknown host", else
     * the first message in the chain (the JDK's client often wraps a message-less cause).
     */
    private static String describe(Throwable failure) {
        String message = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return "connection timed out";
            }
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (message == null && cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage().toLowerCase(Locale.ROOT);
            }
        }
        return message != null ? message : "connection refused";
    }

    private static String abbreviate(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
