package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.ConfigFile;
import dev.parley.cli.HubCommand;
import dev.parley.cli.Settings;
import dev.parley.cli.hub.HubSocket;
import dev.parley.cli.JsonText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley register --name build-bot --type service}: registers a participant (the socket's {@code register}
 * frame; nobody goes online). Where the hub claims names with keys, the new key is shown once; {@code --save}
 * keeps name and key in the config file.
 */
@Command(name = "register", sortOptions = false, description = "Register a participant (your --name).")
public final class RegisterCommand extends HubCommand {
    @Option(names = "--display-name", paramLabel = "TEXT", description = "How people see the name.")
    String displayName;

    @Option(names = "--type", paramLabel = "TYPE", description = "ai, human or service.")
    String type;

    @Option(names = "--save", description = "Store the name (and a key the hub issues) in $PARLEY_HOME/config.properties.")
    boolean save;

    @Override
    protected void run() throws Exception {
        Settings s = settings();
        ObjectNode frame = JsonText.object().put("type", "register").put("name", s.name());
        if (displayName != null) {
            frame.put("display_name", displayName);
        }
        if (type != null) {
            frame.put("participant_type", type);
        }
        if (s.token() != null) {
            frame.put("token", s.token());
        }
        if (s.key() != null) {
            frame.put("key", s.key());
        }
        JsonNode ok;
        try (HubSocket socket = HubSocket.connect(s.serverUrl())) {
            socket.send(frame);
            ok = socket.await("register_ok", Duration.ofSeconds(15));
        }
        String key = ok.path("key").asText(null);
        if (save) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put(ConfigFile.NAME, s.name());
            if (key != null) {
                values.put(ConfigFile.KEY, key);
            }
            Settings.configFile(env()).update(values);
        }
        if (json()) {
            ObjectNode answer = ((ObjectNode) ok.deepCopy()).without("type");
            if (save) {
                answer.put("saved_to", Settings.configFile(env()).file().toString());
            }
            printJson(answer);
            return;
        }
        out().println(ok.path("is_new").asBoolean() ? "registered " + style().bold(s.name())
                : style().bold(s.name()) + " was already registered");
        if (key != null) {
            out().println(style().yellow("its key, shown only once: ") + key);
            if (!save) {
                err().println("keep it: export PARLEY_KEY=<key>, or pass --key; --save stores it in the config file");
            }
        }
        if (save) {
            out().println(style().dim("saved to " + Settings.configFile(env()).file()));
        }
    }
}
