package dev.parley.mcp;

import dev.parley.client.HubAddress;
import dev.parley.protocol.ExitCode;
import dev.parley.protocol.Names;
import dev.parley.protocol.ProtocolException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code parley mcp}: an MCP server on stdin/stdout that acts as one named participant of a hub.
 * MCP hosts (Claude Desktop, Claude Code, agent frameworks) launch it; it speaks MCP on stdout and
 * logs to stderr.
 *
 * <pre>parley mcp --name my-agent --server http://localhost:9700</pre>
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve the Model Context Protocol over stdio, acting as one Parley participant.",
                "MCP hosts launch this; stdout carries only MCP, logs go to stderr."})
public final class McpCommand implements Callable<Integer> {

    @Option(names = "--name", defaultValue = "${env:PARLEY_NAME}", paramLabel = "NAME",
            description = "The participant this server acts as (default: $PARLEY_NAME).")
    String name;

    @Option(names = "--server", defaultValue = "${env:PARLEY_SERVER_URL:-http://localhost:9700}",
            paramLabel = "ADDRESS", description = {"The hub: " + HubAddress.ACCEPTED_FORMS
                    + " (default: $PARLEY_SERVER_URL, else ${DEFAULT-VALUE})."})
    String server;

    @Option(names = "--token", defaultValue = "${env:PARLEY_TOKEN}", paramLabel = "TOKEN",
            description = "The hub token, needed from other machines (default: $PARLEY_TOKEN).")
    String token;

    @Option(names = "--key", defaultValue = "${env:PARLEY_KEY}", paramLabel = "KEY",
            description = "This name's key when it is claimed (default: $PARLEY_KEY).")
    String key;

    @Option(names = "--display-name", paramLabel = "TEXT", description = "The name humans see (default: NAME).")
    String displayName;

    @Option(names = "--type", defaultValue = "ai", paramLabel = "TYPE",
            description = "Participant type: ai, human or service (default: ${DEFAULT-VALUE}).")
    String type;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (name == null || name.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "--name (or PARLEY_NAME) is required: the participant this MCP server acts as");
        }
        try {
            Names.participant(name.strip());
        } catch (ProtocolException e) {
            throw new ParameterException(spec.commandLine(), "--name '" + name + "': " + e.detail());
        }
        HubAddress address;
        try {
            address = HubAddress.parse(server);
        } catch (IllegalArgumentException e) {
            // One line, without the usage text a ParameterException brings: the host's log shows just this.
            spec.commandLine().getErr().println(spec.commandLine().getCommandName() + ": --server: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        return new ParleyMcpServer(address, token, key, name.strip(), displayName, type).run();
    }
}
