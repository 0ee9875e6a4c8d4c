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
    /**
     * The hub's own exit status: one table for both ({@link Exit#HUB_RUNNING} when another hub serves the db,
     * {@link dev.parley.protocol.ExitCode#PORT_UNAVAILABLE} when the port is taken).
     */
    @Override
    public Integer call() {
        return delegate(new HubMain(), Map.of());
    }
}
