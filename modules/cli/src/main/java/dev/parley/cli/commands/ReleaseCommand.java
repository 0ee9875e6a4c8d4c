package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code parley release 'src/server/**'} (or a claim id): releases one's own claim. Exit 10 when one holds none. */
@Command(name = "release", sortOptions = false, description = "Release a claim of yours (by resource or claim id).")
public final class ReleaseCommand extends HubCommand {
    @Parameters(index = "0", paramLabel = "RESOURCE|CLAIM_ID", description = "The claimed resource, or its cl-... id.")
    String which;

    @Override
    protected void run() throws Exception {
        JsonNode result = hub().exchange("POST", "/api/claims/release",
                JsonText.object().put("participant", settings().name()).put("resource", which), 404).body();
        if (json()) {
            printJson(result);
        }
        if (!result.path("released").asBoolean()) {
            throw new CliException(Exit.NOT_FOUND, result.path("error").asText("no such claim"));
        }
        if (!json()) {
            out().println("released " + style().bold(result.path("claim").path("resource").asText()));
        }
    }
}
