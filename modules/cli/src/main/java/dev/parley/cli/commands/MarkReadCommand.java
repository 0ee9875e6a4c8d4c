package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code parley mark-read general [SEQ]}: marks a channel read up to a message (default: all of it). */
@Command(name = "mark-read", sortOptions = false, description = "Mark a channel read, up to a message's seq or all of it.")
public final class MarkReadCommand extends HubCommand {
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "The channel (name or id).")
    String channel;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SEQ", description = "Up to this message seq (default: the newest).")
    Long seq;

    @Override
    protected void run() throws Exception {
        ObjectNode body = JsonText.object().put("participant", settings().name()).put("channel", channel);
        if (seq != null) {
            body.put("seq", seq);
        }
        JsonNode marked = hub().post("/api/mark-read", body);
        if (json()) {
            printJson(marked);
            return;
        }
        out().println(marked.path("channel_name").asText() + " read up to #" + marked.path("seq").asLong()
                + (marked.path("moved").asBoolean() ? "" : style().dim(" (it already was)")));
    }
}
