package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.HubCommand;
import dev.parley.cli.output.MessageView;
import dev.parley.cli.output.Table;
import dev.parley.client.HubHttp;
import dev.parley.protocol.wire.WireMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley history general --before 2026-02-20T04:54:28+00:00}: pages through a channel's whole history, by
 * time backwards ({@code --before}) or by sequence number forwards ({@code --after-seq}), with seq numbers, ids
 * and full timestamps, and the command for the next page. {@code list} is the short look at recent messages.
 */
@Command(name = "history", sortOptions = false,
        description = "Page through a channel's history (with seq, ids and full timestamps).")
public final class HistoryCommand extends HubCommand {
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "Channel name or id.")
    String channel;

    @Option(names = "--before", paramLabel = "TIME", description = "Only messages older than this ISO-8601 timestamp.")
    String before;

    @Option(names = "--after-seq", paramLabel = "SEQ", description = "Only messages after this sequence number,"
            + " oldest first (up to 1000 a page).")
    Long afterSeq;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "50",
            description = "Page size (default ${DEFAULT-VALUE}; at most 200, or 1000 with --after-seq).")
    int limit;

    @Override
    protected void run() throws Exception {
        if (before != null && afterSeq != null) {
            throw new CliException(Exit.USAGE, "use --before or --after-seq, not both");
        }
        StringBuilder path = new StringBuilder("/api/messages/").append(HubHttp.encode(channel))
                .append("?limit=").append(Limits.check("--limit", limit, afterSeq != null ? 1000 : 200));
        if (before != null) {
            path.append("&before=").append(HubHttp.encode(before));
        }
        if (afterSeq != null) {
            path.append("&after_seq=").append(afterSeq);
        }
        JsonNode messages = hub().get(path.toString());
        if (json()) {
            printJson(messages);
            return;
        }
        if (messages.isEmpty()) {
            out().println("no messages" + (before != null || afterSeq != null ? " in that range" : " in " + channel + " yet"));
            return;
        }
        Table table = new Table("SEQ", "ID", "TIME", "FROM", "MESSAGE");
        for (JsonNode row : messages) {
            WireMessage m = WireMessage.read(row);
            table.row(String.valueOf(m.seq()), style().dim(m.messageId()), m.createdAt(), style().cyan(m.sender()),
                    MessageView.body(m, style()));
        }
        table.print(out(), style(), width());
        if (messages.size() == limit) {
            String next = afterSeq != null
                    ? "--after-seq " + messages.get(messages.size() - 1).path("seq").asText()
                    : "--before " + messages.get(0).path("created_at").asText();
            err().println(style().dim("more: parley history " + channel + " " + next));
        }
    }
}
