package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code parley dm bob "lunch?"}: opens (or finds) the DM channel with bob ({@code POST /api/dm}), then sends. */
@Command(name = "dm", sortOptions = false, description = "Send a direct message to a participant.")
public final class DmCommand extends HubCommand {
    @Parameters(index = "0", paramLabel = "PARTICIPANT", description = "Who to write to.")
    String participant;

    @Parameters(index = "1..*", paramLabel = "TEXT", description = "The message ('-' reads it from stdin).")
    List<String> words;

    @Mixin
    MessageOptions message;

    @Override
    protected void run() throws Exception {
        String text = MessageOptions.text(words, System.in);
        String me = settings().name();
        JsonNode channel = hub().post("/api/dm", JsonText.object().put("participant_a", me).put("participant_b", participant));
        String name = channel.path("channel_name").asText(channel.path("name").asText());
        JsonNode sent = hub().post("/api/send", message.sendBody(me, channel.path("channel_id").asText(name), text));
        if (json()) {
            printJson(sent);
        } else {
            SentReport.print(sent, participant + style().dim(" (" + name + ")"), out(), err(), style());
        }
    }
}
