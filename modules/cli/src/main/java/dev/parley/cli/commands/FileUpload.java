package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.output.Style;
import dev.parley.client.HubHttp;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code parley send CHANNEL --file PATH [TEXT]}: the file's bytes to {@code POST /api/channels/{ch}/files}. */
final class FileUpload {
    private FileUpload() {}

    /** Uploads the file as {@code sender} and posts it to the channel; the hub's answer (attachment and message). */
    static JsonNode send(HubHttp hub, String sender, String channel, Path file, String text, String replyTo) {
        if (!Files.isRegularFile(file)) {
            throw new CliException(Exit.FILE_ERROR, "no such file: " + file);
        }
        byte[] bytes;
        String type;
        try {
            bytes = Files.readAllBytes(file);
            type = Files.probeContentType(file);
        } catch (IOException e) {
            throw new CliException(Exit.FILE_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
        // Whoever types `parley send` is a person, as for a text send (the loop guard, ask_human).
        String path = "/api/channels/" + HubHttp.encode(channel) + "/files?participant_type=human&name="
                + HubHttp.encode(file.getFileName().toString())
                + (text == null ? "" : "&text=" + HubHttp.encode(text))
                + (replyTo == null ? "" : "&reply_to=" + HubHttp.encode(replyTo))
                + (sender == null ? "" : "&sender=" + HubHttp.encode(sender));
        return hub.postBytes(path, type, bytes);
    }

    /** The human answer: which file, which message, where. */
    static void print(JsonNode sent, String channel, PrintStream out, PrintStream err, Style style) {
        JsonNode message = sent.path("message");
        out.println("sent " + sent.path("name").asText() + " as " + style.bold(sent.path("attachment_id").asText())
                + " (" + sent.path("size").asLong() + " bytes) in " + message.path("message_id").asText() + " to "
                + message.path("channel_name").asText(channel)
                + style.dim(" (seq " + message.path("seq").asText("?") + ")"));
        SentReport.issuedKey(sent, message.path("sender").asText(), err, style);
    }
}
