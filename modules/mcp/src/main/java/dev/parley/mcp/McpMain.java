package dev.parley.mcp;

import picocli.CommandLine;

/**
 * Standalone entry point of the MCP server (the CLI offers the same as {@code parley mcp}).
 *
 * <pre>java -cp ... dev.parley.mcp.McpMain --name my-agent --server http://localhost:9700</pre>
 */
public final class McpMain {
    private McpMain() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new McpCommand()).execute(args));
    }
}
