package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.ConfigFile;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import dev.parley.cli.Settings;
import dev.parley.client.ParleyClient;
import dev.parley.client.Registration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley register --name build-bot --type service}: registers a participant ({@link ParleyClient#register()}:
 * the socket's {@code register} frame; nobody goes online). Where the hub claims names with keys, the new key is shown once; {@code --save}
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
        Registration ok;
        try (ParleyClient client = ParleyClient.builder().serverUrl(s.serverUrl()).name(s.name()).displayName(displayName)
                .participantType(type).token(s.token()).key(s.key()).connectTimeout(CONNECT_TIMEOUT).build()) {
            ok = client.register();
        }
        String key = ok.key();
        if (save) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put(ConfigFile.NAME, s.name());
            if (key != null) {
                values.put(ConfigFile.KEY, key);
            }
            Settings.configFile(env()).update(values);
        }
        if (json()) {
            ObjectNode answer = JsonText.object().put("name", ok.name()).put("is_new", ok.isNew());
            if (key != null) {
                answer.put("key", key);
            }
            if (save) {
                answer.put("saved_to", Settings.configFile(env()).file().toString());
            }
            printJson(answer);
            return;
        }
        out().println(ok.isNew() ? "registered " + style().bold(s.name())
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
