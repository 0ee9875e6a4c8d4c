package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.protocol.Json;
import dev.parley.testing.ChildProcess;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MCP server under test as a real child JVM ({@code McpMain}), driven over its stdin/stdout by
 * the official SDK's MCP client, which starts the process itself (so this is not a {@link ChildProcess}; {@link #raw}
 * is, for tests of the bare streams). Its stderr (the server's log) goes to the test's. What stays here is the
 * MCP vocabulary: tool calls and their results.
 */
final class McpProcess implements AutoCloseable {
    private final McpSyncClient client;
    private final McpSchema.InitializeResult initialized;

    /** Starts {@code McpMain --name name --server hubUrl}, with extra JVM options (e.g. {@code -Dx=y}) first. */
    McpProcess(String hubUrl, String name, String... jvmOptions) {
        this(Map.of(), List.of(jvmOptions), name, List.of("--name", name, "--server", hubUrl));
    }

    /** Starts {@code McpMain} with these arguments and extra environment variables, as an MCP host does. */
    static McpProcess withEnvironment(Map<String, String> environment, String name, String... arguments) {
        return new McpProcess(environment, List.of(), name, List.of(arguments));
    }

    private McpProcess(Map<String, String> environment, List<String> jvmOptions, String name, List<String> arguments) {
        List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
        options.addAll(jvmOptions);
        List<String> command = ChildProcess.javaCommand(options, McpMain.class.getName(), arguments);
        ServerParameters parameters = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .env(environment).build();
        StdioClientTransport transport = new StdioClientTransport(parameters, new JacksonMcpJsonMapper(new ObjectMapper()));
        // The child's log, next to the test's.
        transport.setStdErrorHandler(line -> System.err.println("[mcp " + name + "] " + line));
        this.client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(90))
                .initializationTimeout(Duration.ofSeconds(60)).build();
        this.initialized = client.initialize();
    }

    McpSchema.InitializeResult initialized() {
        return initialized;
    }

    McpSyncClient client() {
        return client;
    }

    /** Calls a tool; arguments as alternating names and values. */
    McpSchema.CallToolResult call(String tool, Object... namesAndValues) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            arguments.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    /** Calls a tool that must succeed; returns its JSON result. */
    JsonNode ok(String tool, Object... namesAndValues) {
        McpSchema.CallToolResult result = call(tool, namesAndValues);
        assertThat(result.isError()).as("%s failed: %s", tool, text(result)).isFalse();
        try {
            return Json.mapper().readTree(text(result));
        } catch (Exception e) {
            throw new AssertionError(tool + " returned no JSON: " + text(result), e);
        }
    }

    /** Calls a tool that must fail as a tool error (isError, not a protocol error); returns the message. */
    String error(String tool, Object... namesAndValues) {
        McpSchema.CallToolResult result = call(tool, namesAndValues);
        assertThat(result.isError()).as("%s should have failed but returned %s", tool, text(result)).isTrue();
        return text(result);
    }

    static String text(McpSchema.CallToolResult result) {
        assertThat(result.content()).hasSize(1);
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    /**
     * {@code McpMain} with these arguments as a bare child process, no MCP client attached: for what a host sees on
     * its streams (stdout apart from stderr, stdin open).
     */
    static ChildProcess raw(String... arguments) {
        List<String> command = ChildProcess.javaCommand(List.of(), McpMain.class.getName(), List.of(arguments));
        return ChildProcess.interactive(command, null, null);
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
