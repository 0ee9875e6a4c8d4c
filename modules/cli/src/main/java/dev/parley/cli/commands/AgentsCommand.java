package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.output.Table;
import dev.parley.client.HubHttp;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley agents [TEXT] [--capability TAG]}: who can do what — agents and services by their profiles. */
@Command(name = "agents", sortOptions = false, description = "Find agents and services by capability or text.")
public final class AgentsCommand extends HubCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT", description = "Words to look for in their profiles.")
    String text;

    @Option(names = "--capability", paramLabel = "TAG", description = "Only those with this capability.")
    String capability;

    @Override
    protected void run() throws Exception {
        String query = capability != null ? "?capability=" + HubHttp.encode(capability)
                : text != null ? "?q=" + HubHttp.encode(text) : "";
        JsonNode agents = hub().get("/api/agents" + query);
        if (json()) {
            printJson(agents);
            return;
        }
        if (agents.isEmpty()) {
            out().println(capability != null || text != null ? "no agent matches" : "no agent has a profile yet");
            return;
        }
        Table table = new Table("NAME", "ONLINE", "CAPABILITIES", "DESCRIPTION", "OWNER");
        for (JsonNode a : agents) {
            List<String> tags = new ArrayList<>();
            a.path("capabilities").forEach(c -> tags.add(c.asText()));
            table.row(style().bold(a.path("name").asText()), a.path("online").asBoolean() ? style().green("yes") : "no",
                    String.join(", ", tags), a.path("description").asText(""), a.path("owner").asText(""));
        }
        table.print(out(), style(), width());
    }
}
