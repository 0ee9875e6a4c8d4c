package dev.parley.cli.commands;

import dev.parley.cli.Exit;
import dev.parley.cli.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code parley mcp}: the MCP server of {@code modules/mcp} ({@code dev.parley.mcp.McpCommand}, stdio), when this
 * build has it, with the CLI's hub URL, name, token and key unless given. Nothing but the protocol may reach
 * stdout, so this class prints nothing there itself.
 */
@Command(name = "mcp", description = "Serve MCP over stdio as one participant, for AI hosts (options: parley mcp --help).")
public final class McpDelegate extends DelegatingCommand {
    static final String MCP_CLASS = "dev.parley.mcp.McpCommand";

    @Override
    public Integer call() {
        return find(MCP_CLASS)
                .map(type -> {
                    Settings settings = Settings.resolve(cli().globals(), cli().env());
                    Map<String, String> defaults = new LinkedHashMap<>();
                    defaults.put("--server", settings.serverUrl());
                    // An MCP server acts for an agent: no OS-user default, McpCommand asks for a name instead.
                    defaults.put("--name", Settings.configuredName(cli().globals(), cli().env()));
                    defaults.put("--token", settings.token());
                    defaults.put("--key", settings.key());
                    return delegate(instantiate(type), defaults);
                })
                .orElseGet(() -> {
                    cli().terminal().err().println("parley: mcp is not available yet in this build");
                    return Exit.USAGE.code();
                });
    }
}
