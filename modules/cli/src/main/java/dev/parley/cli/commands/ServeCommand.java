package dev.parley.cli.commands;

import dev.parley.cli.Exit;
import dev.parley.server.HubMain;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code parley serve --port 9800}: runs the hub in this process ({@link HubMain}, with its own options; see
 * {@code parley serve --help}) until Ctrl-C.
 */
@Command(name = "serve", description = "Run a hub on the live database (options: parley serve --help).")
public final class ServeCommand extends DelegatingCommand {
    /** {@link HubMain}'s exit status when another hub already serves the database. */
    private static final int HUB_ALREADY_RUNNING = 3;

    @Override
    public Integer call() {
        int code = delegate(new HubMain(), Map.of());
        return code == HUB_ALREADY_RUNNING ? Exit.HUB_RUNNING.code() : code;
    }
}
