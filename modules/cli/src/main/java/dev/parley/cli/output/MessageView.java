package dev.parley.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** How messages look to people: a table for lists, one line each for live streams. */
public final class MessageView {
    private MessageView() {}

    /** A table of messages: when, [channel,] sender, body with its markers. */
    public static Table table(JsonNode messages, boolean withChannel, Instant now, Style style) {
        Table table = withChannel ? new Table("WHEN", "CHANNEL", "FROM", "MESSAGE") : new Table("WHEN", "FROM", "MESSAGE");
        for (JsonNode m : messages) {
            String when = RelativeTime.ago(m.path("created_at").asText(null), now);
            String from = style.cyan(m.path("sender").asText());
            if (withChannel) {
                table.row(when, m.path("channel_name").asText(), from, body(m, style));
            } else {
                table.row(when, from, body(m, style));
            }
        }
        return table;
    }

    /** One line for a live message: {@code 12:03:04 general alice: hello}. */
    public static String line(JsonNode m, Style style) {
        return style.dim(RelativeTime.clock(m.path("created_at").asText(null))) + " "
                + style.bold(m.path("channel_name").asText()) + " " + style.cyan(m.path("sender").asText()) + ": "
                + Table.oneLine(body(m, style));
    }

    /** The body with what a person should notice: urgency, type, target, edits, deletion. */
    public static String body(JsonNode m, Style style) {
        if (m.path("deleted").asBoolean(false)) {
            return style.dim("(deleted)");
        }
        StringBuilder text = new StringBuilder();
        if ("urgent".equals(m.path("priority").asText())) {
            text.append(style.red("[urgent]")).append(' ');
        }
        String type = m.path("message_type").asText("text");
        if (!type.equals("text")) {
            text.append(style.yellow("[" + type + "]")).append(' ');
        }
        if (m.hasNonNull("to")) {
            text.append(style.dim("@" + m.path("to").asText())).append(' ');
        }
        text.append(m.path("body").asText());
        if (m.hasNonNull("edited_at")) {
            text.append(' ').append(style.dim("(edited)"));
        }
        return text.toString();
    }
}
