package dev.parley.cli.commands;

import dev.parley.cli.JsonText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.HubCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley ack-all}: marks everything pending for you as delivered ({@code POST /api/ack-all}). */
@Command(name = "ack-all", sortOptions = false, description = "Mark everything pending for you as delivered.")
public final class AckAllCommand extends HubCommand {
    @Option(names = "--before", paramLabel = "TIME", description = "Only messages older than this ISO-8601 timestamp.")
    String before;

    @Override
    protected void run() throws Exception {
        ObjectNode body = JsonText.object().put("recipient", settings().name());
        if (before != null) {
            body.put("before", before);
        }
        JsonNode result = hub().post("/api/ack-all", body);
        if (json()) {
            printJson(result);
        } else {
            out().println("acknowledged " + result.path("acknowledged").asLong() + "; "
                    + result.path("remaining").asLong() + " still pending");
        }
    }
}
