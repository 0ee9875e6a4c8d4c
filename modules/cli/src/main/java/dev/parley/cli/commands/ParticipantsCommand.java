package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.output.RelativeTime;
import dev.parley.cli.output.Table;
import picocli.CommandLine.Command;

/** {@code parley participants}: everyone the hub knows, with type, display name and address. */
@Command(name = "participants", sortOptions = false, description = "List every registered participant.")
public final class ParticipantsCommand extends HubCommand {
    @Override
    protected void run() throws Exception {
        JsonNode people = hub().getAll("/api/participants");
        if (json()) {
            printJson(people);
            return;
        }
        if (people.isEmpty()) {
            out().println("nobody has registered yet");
            return;
        }
        Table table = new Table("NAME", "TYPE", "DISPLAY NAME", "ONLINE", "REGISTERED", "FROM");
        for (JsonNode p : people) {
            table.row(style().bold(p.path("name").asText()), p.path("participant_type").asText(""),
                    p.path("display_name").asText(""), PresenceCommand.online(p) ? style().green("yes") : "no",
                    RelativeTime.ago(p.path("created_at").asText(null), now()), p.path("host_ip").asText(""));
        }
        table.print(out(), style(), width());
    }
}
