package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.output.Table;
import dev.parley.client.HubHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley claims [--overlapping PATH] [--holder NAME]}: the hub's live claims, oldest first. */
@Command(name = "claims", sortOptions = false, description = "List the live claims: who has what, until when.")
public final class ClaimsCommand extends HubCommand {
    @Option(names = "--overlapping", paramLabel = "RESOURCE", description = "Only claims overlapping this path or glob.")
    String overlapping;

    @Option(names = "--holder", paramLabel = "NAME", description = "Only this participant's claims.")
    String holder;

    @Override
    protected void run() throws Exception {
        StringBuilder path = new StringBuilder("/api/claims");
        if (overlapping != null) {
            path.append("?overlapping=").append(HubHttp.encode(overlapping));
        }
        if (holder != null) {
            path.append(overlapping == null ? '?' : '&').append("holder=").append(HubHttp.encode(holder));
        }
        JsonNode claims = hub().get(path.toString());
        if (json()) {
            printJson(claims);
            return;
        }
        if (claims.isEmpty()) {
            out().println("no live claims");
            return;
        }
        Table table = new Table("RESOURCE", "HOLDER", "EXPIRES IN", "NOTE", "ID");
        for (JsonNode c : claims) {
            long seconds = c.path("expires_in_seconds").asLong();
            table.row(style().bold(c.path("resource").asText()), c.path("holder").asText(),
                    seconds >= 120 ? seconds / 60 + " min" : seconds + " s", c.path("note").asText(""),
                    style().dim(c.path("claim_id").asText()));
        }
        table.print(out(), style(), width());
    }
}
