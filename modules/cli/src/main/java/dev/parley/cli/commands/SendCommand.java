package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley send general "deploy done"}: one message to a channel, over REST ({@code POST /api/send}); with
 * {@code --file PATH}, the file is uploaded and posted as a {@code file_ref} ({@code POST /api/channels/{ch}/files}),
 * the text, if any, going with it ({@link FileUpload}).
 */
@Command(name = "send", sortOptions = false, description = "Send a message to a channel.")
public final class SendCommand extends HubCommand {
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "Channel name or id.")
    String channel;

    @Parameters(index = "1..*", paramLabel = "TEXT", description = "The message ('-' reads it from stdin).")
    List<String> words;

    @Option(names = "--file", paramLabel = "PATH", description = "Send this file (a file_ref message the channel's"
            + " readers can download with `parley download ID`); TEXT, if given, goes with it.")
    Path file;

    @Mixin
    MessageOptions message;

    @Override
    protected void run() throws Exception {
        if (file != null) {
            JsonNode sent = FileUpload.send(hub(), settings().name(), channel, file,
                    words == null || words.isEmpty() ? null : MessageOptions.text(words, System.in), message.replyTo);
            if (json()) {
                printJson(sent);
            } else {
                FileUpload.print(sent, channel, out(), err(), style());
            }
            return;
        }
        String text = MessageOptions.text(words, System.in);
        JsonNode sent = hub().post("/api/send", message.sendBody(settings().name(), channel, text));
        if (json()) {
            printJson(sent);
        } else {
            SentReport.print(sent, sent.path("channel_name").asText(channel), out(), err(), style());
        }
    }
}
