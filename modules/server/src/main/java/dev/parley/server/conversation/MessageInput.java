package dev.parley.server.conversation;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.Limits;
import dev.parley.server.wire.WireFormat;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fields of a message as a client sends them (socket {@code send} or REST {@code /api/send}),
 * checked against the limits. Types and priorities outside the vocabulary are normalised by the
 * store, as the reference hub did.
 */
public final class MessageInput {
    private static final int MAX_EMOJI_CHARS = 32;
    private static final int MAX_ID_CHARS = 128;

    private final Limits limits;

    public MessageInput(Limits limits) {
        this.limits = limits;
    }

    /** The checked fields. */
    public record Checked(String body, String messageType, String priority, String replyTo, String metadata,
                          String to, String clientMsgId) {}

    /** Checks a frame or request body holding a message. */
    public Checked check(InboundFrame frame) {
        String body = body(frame);
        ObjectNode metadata = frame.object("metadata");
        String metadataText = metadata == null ? null : WireFormat.text(metadata);
        if (metadataText != null && metadataText.length() > limits.maxMetadataChars()) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "metadata of " + metadataText.length()
                    + " characters; the limit is " + limits.maxMetadataChars());
        }
        return new Checked(body, frame.string("message_type"), frame.string("priority"),
                shortString(frame, "reply_to"), metadataText, shortString(frame, "to"), shortString(frame, "client_msg_id"));
    }

    /** A non-blank body within the size limit. */
    public String body(InboundFrame frame) {
        String body = frame.string("body");
        if (body == null || body.isBlank()) {
            throw new ProtocolException(ErrorCode.EMPTY_BODY, "'body' is required and must not be blank");
        }
        if (body.length() > limits.maxBodyChars()) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "body of " + body.length() + " characters; the limit is "
                    + limits.maxBodyChars());
        }
        return body;
    }

    /** A reaction's emoji: present and short. */
    public String emoji(InboundFrame frame) {
        String emoji = frame.requiredString("emoji", ErrorCode.BAD_FIELD);
        if (emoji.length() > MAX_EMOJI_CHARS) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "'emoji' is at most " + MAX_EMOJI_CHARS + " characters");
        }
        return emoji;
    }

    private static String shortString(InboundFrame frame, String field) {
        String value = frame.string(field);
        if (value != null && value.length() > MAX_ID_CHARS) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'" + field + "' is at most " + MAX_ID_CHARS + " characters");
        }
        return value == null || value.isEmpty() ? null : value;
    }
}
