package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The MCP server as a host sees the raw process: stdout carries nothing but JSON-RPC lines (logs
 * go to stderr), closing stdin stops it cleanly, and bad command lines fail with a reason.
 */
class StdioHygieneTest extends WithHub {
    @Test
    void stdout_carries_only_protocol_and_closing_stdin_stops_the_server() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(McpProcess.command("--name", "agent-raw", "--server", hub.url()))
                .redirectError(stderr.toFile()).start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        OutputStream stdin = process.getOutputStream();

        write(stdin, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
        List<JsonNode> lines = new ArrayList<>();
        lines.add(readLine(stdout));
        write(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        write(stdin, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"send_message\","
                + "\"arguments\":{\"channel\":\"general\",\"body\":\"raw hello\"}}}");
        lines.add(readLine(stdout));
        write(stdin, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"read_messages\","
                + "\"arguments\":{\"channel\":\"missing\"}}}");
        lines.add(readLine(stdout));
        stdin.close();

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the server stops when stdin closes").isTrue();
        assertThat(process.exitValue()).isZero();
        String rest = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rest).isBlank();
        assertThat(lines).allSatisfy(line -> assertThat(line.path("jsonrpc").asText()).isEqualTo("2.0"));
        assertThat(lines.get(1).path("result").path("isError").asBoolean()).isFalse();
        assertThat(lines.get(2).path("result").path("isError").asBoolean()).isTrue();
        String log = Files.readString(stderr);
        assertThat(log).contains("MCP server for agent-raw").contains("stdin closed");
    }

    @Test
    void a_missing_name_is_a_usage_error_on_stderr() throws Exception {
        Process process = new ProcessBuilder(McpProcess.command("--server", hub.url())).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("--name (or PARLEY_NAME) is required");
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

    private static void write(OutputStream stdin, String line) throws Exception {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private static JsonNode readLine(BufferedReader stdout) throws Exception {
        String line = stdout.readLine();
        assertThat(line).as("a line on stdout").isNotNull();
        return Json.mapper().readTree(line);
    }
}
