package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.ChildProcess;
import dev.parley.testing.HubExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MCP server as a host sees the raw process: stdout carries nothing but JSON-RPC lines (logs
 * go to stderr), closing stdin stops it cleanly, and bad command lines fail with a reason.
 */
class StdioHygieneTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    @Test
    void stdout_carries_only_protocol_and_closing_stdin_stops_the_server() throws Exception {
        try (ChildProcess process = McpProcess.raw("--name", "agent-raw", "--server", hub.url())) {
            write(process, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
            process.awaitLine(line -> line.contains("\"id\":1"), WAIT);
            write(process, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            write(process, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"send_message\","
                    + "\"arguments\":{\"channel\":\"general\",\"body\":\"raw hello\"}}}");
            process.awaitLine(line -> line.contains("\"id\":2"), WAIT);
            write(process, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"read_messages\","
                    + "\"arguments\":{\"channel\":\"missing\"}}}");
            process.awaitLine(line -> line.contains("\"id\":3"), WAIT);
            process.closeInput();

            assertThat(process.awaitExit(WAIT)).as("the server stops when stdin closes, cleanly").isZero();
            // Exactly the three answers, in order, and nothing else: not a blank line, not a log line.
            List<JsonNode> lines = new ArrayList<>();
            for (String line : process.lines()) {
                lines.add(Json.mapper().readTree(line));
            }
            assertThat(lines).hasSize(3)
                    .allSatisfy(line -> assertThat(line.path("jsonrpc").asText()).isEqualTo("2.0"));
            assertThat(lines).extracting(line -> line.path("id").asInt()).containsExactly(1, 2, 3);
            assertThat(lines.get(1).path("result").path("isError").asBoolean()).isFalse();
            assertThat(lines.get(2).path("result").path("isError").asBoolean()).isTrue();
            assertThat(String.join("\n", process.errorLines())).contains("MCP server for agent-raw")
                    .contains("stdin closed");
        }
    }

    @Test
    void a_missing_name_is_a_usage_error_on_stderr() {
        try (ChildProcess process = McpProcess.raw("--server", hub.url())) {
            process.closeInput();
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);

            assertThat(process.lines()).isEmpty();
            assertThat(String.join("\n", process.errorLines())).contains("--name (or PARLEY_NAME) is required");
        }
    }

    @Test
    void a_hub_that_is_down_is_reported_by_the_tools_not_by_a_crash() throws Exception {
        try (McpProcess mcp = new McpProcess("http://127.0.0.1:1", "agent-lonely")) {
            assertThat(mcp.error("list_channels")).contains("hub not reachable at http://127.0.0.1:1").contains("parley serve");
            JsonNode waited = mcp.ok("wait_for_messages", "timeout_seconds", 0.5);
            assertThat(waited.path("timed_out").asBoolean()).isTrue();
            assertThat(waited.path("warning").asText()).contains("no live connection");
        }
    }

    /** One JSON-RPC message on the server's stdin. */
    private static void write(ChildProcess process, String line) {
        process.write(line + "\n");
    }
}
