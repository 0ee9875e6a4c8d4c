package dev.parley.cli.commands;

import dev.parley.cli.JsonText;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code parley channels join build-bots} ({@code POST /api/channels/join}). */
@Command(name = "join", sortOptions = false, description = "Join a channel, to receive its messages.")
public final class ChannelsJoinCommand extends HubCommand {
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "Channel name or id.")
    String channel;

    @Override
    protected void run() throws Exception {
        JsonNode joined = hub().post("/api/channels/join",
                JsonText.object().put("channel", channel).put("participant", settings().name()));
        if (json()) {
            printJson(joined);
        } else {
            out().println(settings().name() + " joined " + style().bold(joined.path("name").asText(channel)));
        }
    }
}
