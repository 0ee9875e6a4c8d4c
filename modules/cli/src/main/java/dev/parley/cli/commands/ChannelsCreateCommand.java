package dev.parley.cli.commands;

import dev.parley.cli.JsonText;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.HubCommand;
import dev.parley.client.HubHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley channels create build-bots --topic "CI chatter"} ({@code POST /api/channels/create}); you join it. */
@Command(name = "create", sortOptions = false, description = "Create a channel (you join it); fine if it exists.")
public final class ChannelsCreateCommand extends HubCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Lower case letters, digits, '.', '_', '-'"
            + " (spaces become '-').")
    String name;

    @Option(names = "--topic", paramLabel = "TEXT", description = "What the channel is for.")
    String topic;

    @Override
    protected void run() throws Exception {
        ObjectNode body = JsonText.object().put("name", name).put("created_by", settings().name());
        if (topic != null) {
            body.put("topic", topic);
        }
        HubHttp.Answer answer = hub().exchange("POST", "/api/channels/create", body);
        boolean created = answer.status() == 201;
        if (json()) {
            printJson(((ObjectNode) answer.body()).put("created", created));
        } else {
            String channel = style().bold(answer.body().path("name").asText(name));
            out().println(created ? "created " + channel : channel + " already exists");
        }
    }
}
