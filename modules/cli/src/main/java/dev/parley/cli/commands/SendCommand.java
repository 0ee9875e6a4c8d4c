package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code parley send general "deploy done"}: one message to a channel, over REST ({@code POST /api/send}). */
@Command(name = "send", sortOptions = false, description = "Send a message to a channel.")
public final class SendCommand extends HubCommand {
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "Channel name or id.")
    String channel;

    @Parameters(index = "1..*", paramLabel = "TEXT", description = "The message ('-' reads it from stdin).")
    List<String> words;

    @Mixin
    MessageOptions message;

    @Override
    protected void run() throws Exception {
        String text = MessageOptions.text(words, System.in);
        JsonNode sent = hub().post("/api/send", message.sendBody(settings().name(), channel, text));
        if (json()) {
            printJson(sent);
        } else {
            SentReport.print(sent, sent.path("channel_name").asText(channel), out(), err(), style());
        }
    }
}
