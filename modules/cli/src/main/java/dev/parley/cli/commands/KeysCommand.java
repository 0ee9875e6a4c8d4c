package dev.parley.cli.commands;

import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import dev.parley.cli.hub.LocalDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley keys reset NAME [--new]}: gives a participant who lost its key (or a name registered without one) a
 * way back in, on the hub's machine, directly in the database — also while the hub runs, which reads keys from the
 * database on every check.
 */
@Command(name = "keys", sortOptions = false, description = "Manage participant keys on the hub's machine.",
        subcommands = KeysCommand.Reset.class)
public final class KeysCommand extends HubCommand {
    @Override
    protected void run() {
        spec.commandLine().usage(out());
    }

    /** {@code parley keys reset NAME}: clears the key, or with {@code --new} sets a fresh one and prints it once. */
    @Command(name = "reset", sortOptions = false, description = {
        "Reset the key of NAME in the hub's database (PARLEY_DB, else $PARLEY_HOME/parley.db), also while the hub"
            + " runs; takes effect at once.",
        "Without --new: NAME has no key until its next connection (socket auth/register or a REST send), which sets"
            + " the key it offers (in keys mode, a hub-made key it is given once). Until then, in token mode anyone"
            + " with the hub token may take the name: prefer --new when that matters.",
        "With --new: NAME gets a new hub-made key, printed once here; give it to NAME's owner. Connections that"
            + " use the old key are refused from now on."})
    public static final class Reset extends HubCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The participant whose key to reset.")
        String name;

        @Option(names = "--new", description = "Set a fresh hub-made key and print it once, instead of letting the"
                + " next connection set one.")
        boolean newKey;

        @Override
        protected void run() throws Exception {
            LocalDatabase db = new LocalDatabase(settings().db());
            String key = db.resetKey(name, newKey);
            if (json()) {
                printJson(JsonText.object().put("name", name).put("database", db.file().toString())
                        .put("key", key));
                return;
            }
            if (key != null) {
                out().println(key);
                err().println(style().dim("the new key of " + name + ", shown only now; the old key no longer works"));
            } else {
                out().println("the key of " + name + " is cleared; its next connection sets a new one");
            }
        }
    }
}
