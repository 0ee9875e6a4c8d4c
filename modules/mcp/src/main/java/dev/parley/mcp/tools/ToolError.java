package dev.parley.mcp.tools;

/** A tool call that cannot be done as asked; its message tells the agent what to do instead. */
public final class ToolError extends RuntimeException {
    public ToolError(String message) {
        super(message);
    }
}
