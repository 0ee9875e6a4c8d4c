package dev.parley.cli.commands;

import dev.parley.cli.JsonText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.HubCommand;
import dev.parley.client.AckResult;
import dev.parley.client.RestCalls;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code parley ack ty-0123456789ab}: marks pending messages as delivered to you ({@code POST /api/ack}). */
@Command(name = "ack", sortOptions = false, description = "Mark pending messages as delivered to you.")
public final class AckCommand extends HubCommand {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Message ids (from `parley pending`).")
    List<String> ids;

    @Override
    protected void run() throws Exception {
        ObjectNode body = JsonText.object().put("recipient", settings().name());
        ArrayNode list = body.putArray("message_ids");
        ids.forEach(list::add);
        JsonNode result = hub().post("/api/ack", body);
        if (json()) {
            printJson(result);
            return;
        }
        AckResult ack = RestCalls.ackResult(result);
        long acknowledged = ack.acknowledged();
        out().println("acknowledged " + acknowledged + "; " + ack.remaining() + " still pending");
        if (acknowledged < ids.size()) {
            err().println(style().dim((ids.size() - acknowledged) + " of the ids were not pending for "
                    + settings().name() + " (already delivered, or unknown)"));
        }
    }
}
