package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.output.MessageView;
import dev.parley.client.HubHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley list general -n 5}: the latest messages of a channel, oldest first ({@code GET /api/messages}). */
@Command(name = "list", sortOptions = false, description = "Show the recent messages of a channel.")
public final class ListCommand extends HubCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CHANNEL", defaultValue = "general",
            description = "Channel name or id (default: ${DEFAULT-VALUE}).")
    String channel;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "How many (1-200, default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected void run() throws Exception {
        JsonNode messages = hub().get("/api/messages/" + HubHttp.encode(channel) + "?limit=" + Limits.check("--limit", limit, 200));
        if (json()) {
            printJson(messages);
        } else if (messages.isEmpty()) {
            out().println("no messages in " + channel + " yet");
        } else {
            MessageView.table(messages, false, now(), style()).print(out(), style(), width());
        }
    }
}
