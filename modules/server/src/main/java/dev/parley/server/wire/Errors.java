package dev.parley.server.wire;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.store.StoreException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into wire errors: a {@link ProtocolException} for the socket's
 * {@code error} frame, and the HTTP status REST answers with for each code.
 */
public final class Errors {
    private static final Logger log = LoggerFactory.getLogger(Errors.class);

    private Errors() {}

    /** The protocol error for any failure; unexpected ones are logged and reported as {@code internal}. */
    public static ProtocolException toProtocol(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ProtocolException protocol) {
            return protocol;
        }
        if (cause instanceof StoreException.ChannelArchived) {
            return new ProtocolException(ErrorCode.CHANNEL_ARCHIVED, cause.getMessage());
        }
        if (cause instanceof StoreException.LoopGuard) {
            return new ProtocolException(ErrorCode.LOOP_GUARD, cause.getMessage());
        }
        if (cause instanceof StoreException.ChannelNotFound) {
            return new ProtocolException(ErrorCode.CHANNEL_NOT_FOUND, cause.getMessage());
        }
        if (cause instanceof StoreException.MessageNotFound) {
            return new ProtocolException(ErrorCode.MESSAGE_NOT_FOUND, cause.getMessage());
        }
        if (cause instanceof StoreException.ParticipantNotFound) {
            return new ProtocolException(ErrorCode.PARTICIPANT_NOT_FOUND, cause.getMessage());
        }
        if (cause instanceof StoreException.TooLarge) {
            return new ProtocolException(ErrorCode.TOO_LARGE, cause.getMessage());
        }
        if (cause instanceof StoreException.NotAllowed) {
            return new ProtocolException(ErrorCode.NOT_ALLOWED, cause.getMessage());
        }
        if (cause instanceof StoreException.Invalid) {
            return new ProtocolException(ErrorCode.BAD_NAME, cause.getMessage()); // a channel name empty or in use
        }
        if (cause instanceof StoreException.NameTaken) {
            return new ProtocolException(ErrorCode.BAD_NAME, cause.getMessage());
        }
        if (cause instanceof StoreException.Overloaded) {
            return new ProtocolException(ErrorCode.OVERLOADED, cause.getMessage());
        }
        if (cause instanceof StoreException.StorageFull) {
            return new ProtocolException(ErrorCode.STORAGE_FULL, cause.getMessage()); // the writer logged it
        }
        if (cause instanceof StoreException.Unavailable) {
            return new ProtocolException(ErrorCode.UNAVAILABLE, cause.getMessage());
        }
        if (cause instanceof StoreException.Closed) {
            return new ProtocolException(ErrorCode.OVERLOADED, "the hub is shutting down; retry shortly");
        }
        log.error("unexpected failure", cause);
        return new ProtocolException(ErrorCode.INTERNAL, "internal error; the hub logged it");
    }

    /** The HTTP status REST uses for a code. */
    public static int httpStatus(ErrorCode code) {
        return switch (code) {
            case CHANNEL_NOT_FOUND, MESSAGE_NOT_FOUND, PARTICIPANT_NOT_FOUND, NOT_FOUND -> 404;
            case AUTH_FAILED, NOT_AUTHENTICATED -> 401;
            case NOT_ALLOWED, NOT_A_MEMBER, FORBIDDEN_ORIGIN -> 403;
            case UNKNOWN_HOST -> 421;
            case CLAIM_HELD, QUESTION_CLOSED, LOOP_GUARD, CHANNEL_ARCHIVED -> 409;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case TOO_LARGE -> 413;
            case RATE_LIMITED -> 429;
            case OVERLOADED, UNAVAILABLE -> 503;
            // 507 Insufficient Storage (RFC 4918): the server cannot store what the request needs. Not
            // 503: a full disk does not pass by itself in a moment, so "retry shortly" would mislead.
            case STORAGE_FULL -> 507;
            case INTERNAL -> 500;
            default -> 400;
        };
    }

    /** The code for an HTTP status the web server chose itself (a body over the size limit, a malformed URI). */
    public static ErrorCode forHttpStatus(int status) {
        return switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 401 -> ErrorCode.AUTH_FAILED;
            case 403 -> ErrorCode.NOT_ALLOWED;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.OVERLOADED;
            case 507 -> ErrorCode.STORAGE_FULL;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_FIELD;
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
