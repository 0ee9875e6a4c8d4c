package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.output.RelativeTime;
import dev.parley.cli.output.Table;
import dev.parley.protocol.wire.WireParticipant;
import dev.parley.cli.JsonText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley presence}: who is online now, and when the others were last seen ({@code GET /api/presence}). */
@Command(name = "presence", sortOptions = false, description = "Show who is online, and when others were last seen.")
public final class PresenceCommand extends HubCommand {
    @Option(names = "--online", description = "Only those online now.")
    boolean onlineOnly;

    @Override
    protected void run() throws Exception {
        List<JsonNode> people = new ArrayList<>();
        hub().getAll("/api/presence").forEach(p -> {
            if (!onlineOnly || online(p)) {
                people.add(p);
            }
        });
        people.sort(Comparator.comparing((JsonNode p) -> !online(p)).thenComparing(p -> p.path("name").asText()));
        if (json()) {
            ArrayNode list = JsonText.array();
            people.forEach(list::add);
            printJson(list);
            return;
        }
        if (people.isEmpty()) {
            out().println(onlineOnly ? "nobody is online" : "nobody has registered yet");
            return;
        }
        Table table = new Table("NAME", "STATUS", "LAST SEEN", "TYPE");
        for (JsonNode p : people) {
            table.row(style().bold(p.path("name").asText()), online(p) ? style().green("online") : style().dim("offline"),
                    online(p) ? "now" : RelativeTime.ago(p.path("last_seen_at").asText(null), now()),
                    p.path("participant_type").asText(""));
        }
        table.print(out(), style(), width());
    }

    static boolean online(JsonNode participant) {
        return WireParticipant.read(participant).online();
    }
}
