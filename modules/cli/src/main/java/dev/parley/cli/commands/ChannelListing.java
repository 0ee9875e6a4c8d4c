package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.output.RelativeTime;
import dev.parley.cli.output.Table;
import picocli.CommandLine.Option;

/** The channel table, shown by {@code parley channels} and {@code parley channels list}. */
abstract class ChannelListing extends HubCommand {
    @Option(names = "--archived", description = "Archived channels too (marked in the TYPE column).")
    boolean archived;

    protected void listChannels() throws Exception {
        JsonNode channels = hub().getAll(archived ? "/api/channels?include_archived=true" : "/api/channels");
        if (json()) {
            printJson(channels);
            return;
        }
        Table table = new Table("NAME", "TYPE", "LAST ACTIVITY", "CREATED BY", "TOPIC");
        for (JsonNode c : channels) {
            String activity = c.path("last_activity").asText(null);
            String type = c.path("channel_type").asText() + (c.has("archived_at") ? " (archived)" : "");
            table.row(style().bold(c.path("name").asText()), type,
                    activity == null ? style().dim("never") : RelativeTime.ago(activity, now()),
                    c.path("created_by").asText(""), c.path("topic").asText(""));
        }
        table.print(out(), style(), width());
    }
}
