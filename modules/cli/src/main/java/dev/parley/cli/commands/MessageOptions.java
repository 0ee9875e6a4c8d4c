package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Option;

/** What {@code send} and {@code dm} share: the message's text and its optional fields. */
final class MessageOptions {
    @Option(names = "--type", paramLabel = "TYPE", description = "text, code, action, system or file_ref (default text).")
    String type;

    @Option(names = "--priority", paramLabel = "P", description = "urgent, normal or low (default normal).")
    String priority;

    @Option(names = "--reply-to", paramLabel = "ID", description = "The message this one answers (a thread).")
    String replyTo;

    @Option(names = "--to", paramLabel = "NAME", description = "Deliver only to this member of the channel"
            + " (agent request/reply).")
    String to;

    @Option(names = "--metadata", paramLabel = "JSON", description = "A JSON object carried with the message.")
    String metadata;

    @Option(names = "--id", paramLabel = "KEY", description = "Idempotency key: sending again with the same key"
            + " stores nothing new and answers with the first message.")
    String clientMsgId;

    /** The {@code /api/send} body for a message from {@code sender} to {@code channel}. */
    ObjectNode sendBody(String sender, String channel, String text) {
        // Whoever types `parley send` is a person: it counts as a human's message (the loop guard, ask_human).
        ObjectNode body = JsonText.object().put("sender", sender).put("channel", channel).put("body", text)
                .put("participant_type", "human");
        putIfSet(body, "message_type", type);
        putIfSet(body, "priority", priority);
        putIfSet(body, "reply_to", replyTo);
        putIfSet(body, "to", to);
        putIfSet(body, "client_msg_id", clientMsgId);
        if (metadata != null) {
            body.set("metadata", metadataObject());
        }
        return body;
    }

    private JsonNode metadataObject() {
        try {
            JsonNode node = JsonText.parse(metadata);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new CliException(Exit.USAGE, "--metadata must be a JSON object, e.g. '{\"task\":42}'");
    }

    /** The message text: the words joined by spaces, or standard input for a lone {@code -}. */
    static String text(List<String> words, InputStream stdin) {
        if (words == null || words.isEmpty()) {
            throw new CliException(Exit.USAGE, "nothing to send: give the message text, or '-' to read it from stdin");
        }
        if (words.size() == 1 && words.get(0).equals("-")) {
            try {
                String text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
                return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            } catch (IOException e) {
                throw new CliException(Exit.FILE_ERROR, "cannot read the message from stdin: " + e.getMessage());
            }
        }
        return String.join(" ", words);
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
