package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.output.Style;
import java.io.PrintStream;

/** The human answer to a send: which message, where; and a key the hub issued, which is shown only once. */
final class SentReport {
    private SentReport() {}

    static void print(JsonNode message, String where, PrintStream out, PrintStream err, Style style) {
        out.println("sent " + style.bold(message.path("message_id").asText()) + " to " + where
                + style.dim(" (seq " + message.path("seq").asText("?") + ")"));
        issuedKey(message, message.path("sender").asText(), err, style);
    }

    /** Tells the user about a participant key the hub just made up for their name. */
    static void issuedKey(JsonNode answer, String name, PrintStream err, Style style) {
        if (answer.hasNonNull("key")) {
            err.println(style.yellow("the hub claimed the name '" + name + "' for you; its key, shown only once: ")
                    + answer.path("key").asText());
            err.println("keep it: export PARLEY_KEY=<key>, or pass --key (parley register --save stores it)");
        }
    }
}
