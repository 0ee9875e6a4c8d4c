package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.output.RelativeTime;
import dev.parley.cli.output.Table;

/** The channel table, shown by {@code parley channels} and {@code parley channels list}. */
abstract class ChannelListing extends HubCommand {
    protected void listChannels() throws Exception {
        JsonNode channels = hub().getAll("/api/channels");
        if (json()) {
            printJson(channels);
            return;
        }
        Table table = new Table("NAME", "TYPE", "LAST ACTIVITY", "CREATED BY", "TOPIC");
        for (JsonNode c : channels) {
            String activity = c.path("last_activity").asText(null);
            table.row(style().bold(c.path("name").asText()), c.path("channel_type").asText(),
                    activity == null ? style().dim("never") : RelativeTime.ago(activity, now()),
                    c.path("created_by").asText(""), c.path("topic").asText(""));
        }
        table.print(out(), style(), width());
    }
}
