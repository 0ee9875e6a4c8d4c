package dev.parley.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.wire.WireMessage;
import java.time.Instant;

/**
 * How messages look to people: a table for lists, one line each for live streams. Messages are read
 * with the one reader of the hub's shape, {@link WireMessage#read}.
 */
public final class MessageView {
    private MessageView() {}

    /** A table of messages (a JSON array of the hub's message rows): when, [channel,] sender, body. */
    public static Table table(JsonNode messages, boolean withChannel, Instant now, Style style) {
        Table table = withChannel ? new Table("WHEN", "CHANNEL", "FROM", "MESSAGE") : new Table("WHEN", "FROM", "MESSAGE");
        for (JsonNode row : messages) {
            WireMessage m = WireMessage.read(row);
            String when = RelativeTime.ago(m.createdAt(), now);
            String from = style.cyan(m.sender());
            if (withChannel) {
                table.row(when, text(m.channelName()), from, body(m, style));
            } else {
                table.row(when, from, body(m, style));
            }
        }
        return table;
    }

    /** One line for a live message: {@code 12:03:04 general alice: hello}. */
    public static String line(WireMessage m, Style style) {
        return style.dim(RelativeTime.clock(m.createdAt())) + " " + style.bold(text(m.channelName())) + " "
                + style.cyan(text(m.sender())) + ": " + Table.oneLine(body(m, style));
    }

    /** The body with what a person should notice: urgency, type, target, edits, deletion. */
    public static String body(WireMessage m, Style style) {
        if (m.deleted()) {
            return style.dim("(deleted)");
        }
        StringBuilder text = new StringBuilder();
        if ("urgent".equals(m.priority())) {
            text.append(style.red("[urgent]")).append(' ');
        }
        String type = m.messageType() == null ? "text" : m.messageType();
        if (!type.equals("text")) {
            text.append(style.yellow("[" + type + "]")).append(' ');
        }
        if (m.to() != null) {
            text.append(style.dim("@" + m.to())).append(' ');
        }
        text.append(text(m.body()));
        if (m.editedAt() != null) {
            text.append(' ').append(style.dim("(edited)"));
        }
        return text.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
