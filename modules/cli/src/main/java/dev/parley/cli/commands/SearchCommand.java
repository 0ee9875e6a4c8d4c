package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.output.MessageView;
import dev.parley.client.HubHttp;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley search build failed}: full-text search over every channel ({@code GET /api/search}). */
@Command(name = "search", sortOptions = false, description = "Search messages (any text of 3+ characters).")
public final class SearchCommand extends HubCommand {
    @Parameters(arity = "1..*", paramLabel = "WORDS", description = "The text to find, taken literally.")
    List<String> words;

    @Option(names = "--from", paramLabel = "NAME", description = "Only messages from this participant.")
    String from;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "50",
            description = "At most this many (1-200, default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected void run() throws Exception {
        String query = String.join(" ", words);
        String path = "/api/search?q=" + HubHttp.encode(query) + "&limit=" + Limits.check("--limit", limit, 200)
                + (from != null ? "&participant=" + HubHttp.encode(from) : "");
        JsonNode found = hub().get(path);
        if (json()) {
            printJson(found);
        } else if (found.isEmpty()) {
            out().println("no messages match '" + query + "'");
        } else {
            MessageView.table(found, true, now(), style()).print(out(), style(), width());
        }
    }
}
