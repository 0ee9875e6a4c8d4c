package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.client.ParleyException;
import dev.parley.mcp.session.AgentSession;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Parley tool, as MCP tool specifications. The one place where a call's outcome becomes an
 * MCP result: compact JSON text on success; on failure a result with {@code isError: true} and a
 * message that says what to do — never an exception, so one bad call cannot hurt the session.
 */
public final class ToolCatalog {
    private static final Logger log = LoggerFactory.getLogger(ToolCatalog.class);

    private final List<ParleyTool> tools = new ArrayList<>();

    public ToolCatalog(AgentSession me) {
        tools.addAll(new MessageTools(me).tools());
        tools.addAll(new InboxTools(me).tools());
        tools.add(new RequestTool(me).tool());
        tools.add(new AskHumanTool(me).tool());
        tools.addAll(new ChannelTools(me).tools());
        tools.addAll(new ChannelLifeTools(me).tools());
        tools.addAll(new PeopleTools(me).tools());
        tools.addAll(new ClaimTools(me).tools());
        tools.addAll(new FileTools(me).tools());
        tools.addAll(new ProfileTools(me).tools());
        tools.addAll(new ReadingTools(me).tools());
    }

    /** The tool names, in listing order. */
    public List<String> names() {
        return tools.stream().map(ParleyTool::name).toList();
    }

    /** The specifications to register with an MCP server. */
    public List<SyncToolSpecification> specifications() {
        return tools.stream().map(tool -> SyncToolSpecification.builder().tool(describe(tool))
                .callHandler((exchange, request) -> call(tool, exchange, request)).build()).toList();
    }

    private static McpSchema.Tool describe(ParleyTool tool) {
        ParleyTool.Hints hints = tool.hints();
        return McpSchema.Tool.builder(tool.name(), tool.schema().toMap()).title(tool.title())
                .description(tool.description())
                .annotations(McpSchema.ToolAnnotations.builder().title(tool.title()).readOnlyHint(hints.readOnly())
                        .idempotentHint(hints.idempotent()).destructiveHint(hints.destructive())
                        .openWorldHint(hints.openWorld()).build())
                .build();
    }

    private static McpSchema.CallToolResult call(ParleyTool tool, McpSyncServerExchange exchange,
                                                 McpSchema.CallToolRequest request) {
        try {
            Args args = new Args(tool.name(), tool.schema(), request.arguments());
            JsonNode result = tool.handler().call(args, progress(exchange, request));
            return McpSchema.CallToolResult.builder().addTextContent(result.toString()).isError(false).build();
        } catch (ToolError e) {
            return error(e.getMessage());
        } catch (ParleyException e) {
            return error(HubErrors.explain(e));
        } catch (RuntimeException e) {
            log.error("{} failed", tool.name(), e);
            return error(tool.name() + " failed unexpectedly (" + e + "); the MCP server's log (stderr) has details");
        }
    }

    private static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    /** Sends progress notifications when the client asked for them with a progress token. */
    private static ParleyTool.Progress progress(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Object token = request.progressToken();
        if (token == null || exchange == null) {
            return ParleyTool.Progress.NONE;
        }
        return (done, total, message) -> {
            try {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, done, total, message, null));
            } catch (RuntimeException e) {
                log.debug("progress notification failed: {}", e.toString());
            }
        };
    }
}
