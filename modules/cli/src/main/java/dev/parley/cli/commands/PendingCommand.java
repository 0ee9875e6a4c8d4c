package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.output.MessageView;
import dev.parley.cli.output.RelativeTime;
import dev.parley.cli.output.Table;
import dev.parley.client.HubHttp;
import dev.parley.protocol.wire.WireMessage;
import picocli.CommandLine.Command;

/** {@code parley pending}: messages waiting to be delivered to you ({@code GET /api/pending/{name}}). */
@Command(name = "pending", sortOptions = false, description = "Show messages waiting for you (not yet delivered).")
public final class PendingCommand extends HubCommand {
    @Override
    protected void run() throws Exception {
        String me = settings().name();
        JsonNode pending = hub().get("/api/pending/" + HubHttp.encode(me));
        if (json()) {
            printJson(pending);
            return;
        }
        if (pending.isEmpty()) {
            out().println("nothing pending for " + me);
            return;
        }
        Table table = new Table("ID", "WHEN", "CHANNEL", "FROM", "MESSAGE");
        for (JsonNode row : pending) {
            WireMessage m = WireMessage.read(row);
            table.row(style().dim(m.messageId()), RelativeTime.ago(m.createdAt(), now()), m.channelName(),
                    style().cyan(m.sender()), MessageView.body(m, style()));
        }
        table.print(out(), style(), width());
        err().println(style().dim(pending.size() + " pending for " + me
                + "; mark them delivered with `parley ack ID...` or `parley ack-all`"));
    }
}
