package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import dev.parley.client.HubHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley claim 'src/server/**' --ttl 600 --note refactor}: claims a resource (a path, a glob, a ticket); claiming
 * what one holds renews it. Exit 0 when granted, 11 (refused) when someone else holds an overlapping claim — the
 * message names who and until when.
 */
@Command(name = "claim", sortOptions = false, description = {"Claim a resource (a path, a glob, a ticket) so others "
        + "know you have it; claim it again to renew.", "Exits 11 when someone else holds an overlapping claim."})
public final class ClaimCommand extends HubCommand {
    @Parameters(index = "0", paramLabel = "RESOURCE", description = "What to claim, e.g. 'src/server/**', docs/, JIRA-142.")
    String resource;

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "How long it lasts (default 900, at most 86400).")
    Long ttl;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why you claim it (others see it).")
    String note;

    @Option(names = "--channel", paramLabel = "CHANNEL", description = "Announce grant, release and expiry there.")
    String channel;

    @Option(names = "--release-on-disconnect", description = "Release it when your last session closes.")
    boolean releaseOnDisconnect;

    @Override
    protected void run() throws Exception {
        ObjectNode body = JsonText.object().put("participant", settings().name()).put("resource", resource)
                .put("release_on_disconnect", releaseOnDisconnect);
        if (ttl != null) {
            body.put("ttl", ttl);
        }
        if (note != null) {
            body.put("note", note);
        }
        if (channel != null) {
            body.put("channel", channel);
        }
        HubHttp.Answer answer = hub().exchange("POST", "/api/claims", body, 409);
        JsonNode result = answer.body();
        if (json()) {
            printJson(result);
        }
        if (!result.path("granted").asBoolean()) {
            throw new CliException(Exit.REFUSED, result.path("error").asText("refused"));
        }
        if (!json()) {
            JsonNode claim = result.path("claim");
            out().println((result.path("renewed").asBoolean() ? "renewed " : "claimed ")
                    + style().bold(claim.path("resource").asText()) + " until " + claim.path("expires_at").asText()
                    + style().dim(" (" + claim.path("claim_id").asText() + ")"));
        }
    }
}
