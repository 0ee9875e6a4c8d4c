package dev.parley.cli.commands;

import dev.parley.cli.JsonText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.ConfigFile;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JoinCode;
import dev.parley.cli.Settings;
import dev.parley.cli.hub.HubErrors;
import dev.parley.client.HubHttp;
import dev.parley.client.ParleyException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code parley join parley://10.0.0.5:9700#TOKEN}: stores the hub's URL and token in
 * {@code $PARLEY_HOME/config.properties} (and {@code --name}/{@code --key} when given), then checks the hub
 * answers. Environment variables and flags still override the file.
 */
@Command(name = "join", sortOptions = false, description = "Store a join code (hub URL and token) in the config file.")
public final class JoinCommand extends HubCommand {
    @Parameters(index = "0", paramLabel = "CODE", description = "parley://host:port#token, from `parley invite`.")
    String code;

    @Override
    protected void run() throws Exception {
        JoinCode join = JoinCode.parse(code);
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ConfigFile.SERVER_URL, join.serverUrl());
        values.put(ConfigFile.TOKEN, join.token());
        if (flags().name() != null) {
            values.put(ConfigFile.NAME, flags().name());
        }
        if (flags().key() != null) {
            values.put(ConfigFile.KEY, flags().key());
        }
        ConfigFile file = Settings.configFile(env());
        file.update(values);
        String reachable;
        JsonNode health = null;
        try {
            health = HubHttp.of(join.hub(), null, join.token(), null, CONNECT_TIMEOUT, ANSWER_TIMEOUT).get("/health");
            reachable = "ok";
        } catch (ParleyException e) {
            reachable = HubErrors.of(join.serverUrl(), e).getMessage();
        }
        if (json()) {
            ObjectNode document = JsonText.object().put("server_url", join.serverUrl()).put("saved_to", file.file().toString())
                    .put("reachable", health != null);
            if (health == null) {
                document.put("problem", reachable);
            }
            printJson(document);
            return;
        }
        out().println("joined " + style().bold(join.serverUrl()) + style().dim(" (saved to " + file.file() + ")"));
        if (health != null) {
            out().println("the hub answers: " + health.path("product").asText("Parley") + " "
                    + health.path("version").asText() + ", " + health.path("online").asText("?") + " online");
        } else {
            err().println(style().yellow("saved, but ") + reachable);
        }
        String env = env().getOrDefault("PARLEY_SERVER_URL", "");
        if (!env.isBlank()) {
            err().println(style().yellow("note: PARLEY_SERVER_URL=" + env + " still overrides the saved URL"));
        }
    }
}
