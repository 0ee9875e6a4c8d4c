package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ChildProcess;
import dev.parley.testing.HubExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MCP server started as a host starts it (a child JVM on stdio), with the hub named in each form
 * users write: the live session comes up and the tools work. A bad address is one line on stderr.
 */
class ServerAddressTest {
    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    @Test
    void a_ws_url_with_the_ws_path_in_PARLEY_SERVER_URL_works() {
        String address = "ws://127.0.0.1:" + hub.port() + "/ws"; // the reference hub's users write this
        actsOnTheHub(McpProcess.withEnvironment(Map.of("PARLEY_SERVER_URL", address), "agent-ws", "--name", "agent-ws"),
                "agent-ws");
    }

    @Test
    void host_and_port_works() {
        actsOnTheHub(McpProcess.withEnvironment(Map.of(), "agent-hp", "--name", "agent-hp",
                "--server", "127.0.0.1:" + hub.port()), "agent-hp");
    }

    @Test
    void an_http_url_works() {
        actsOnTheHub(McpProcess.withEnvironment(Map.of(), "agent-http", "--name", "agent-http",
                "--server", "http://127.0.0.1:" + hub.port()), "agent-http");
    }

    @Test
    void a_bad_address_is_one_line_on_stderr_and_a_usage_exit() {
        try (ChildProcess process = McpProcess.raw("--name", "agent-bad", "--server", "ftp://127.0.0.1:1")) {
            process.closeInput();
            assertThat(process.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);

            assertThat(process.lines()).isEmpty();
            List<String> stderr = process.errorLines().stream().filter(line -> !line.isBlank()).toList();
            assertThat(stderr).hasSize(1);
            assertThat(stderr.get(0)).contains("--server").contains("not a hub address: 'ftp://127.0.0.1:1'")
                    .contains("ws(s)://host:port[/ws]");
        }
    }

    /** Sends over the live session (so it is up) and receives what another participant sends. */
    private static void actsOnTheHub(McpProcess started, String name) {
        try (McpProcess mcp = started) {
            assertThat(mcp.initialized().instructions()).contains("http://127.0.0.1:" + hub.port());
            JsonNode sent = mcp.ok("send_message", "channel", "general", "body", "hello from " + name).path("sent");
            JsonNode stored = hub.rest().getJson("/api/message/" + sent.path("message_id").asText());
            assertThat(stored.path("sender").asText()).isEqualTo(name);

            hub.rest().send("bob", "general", "hello " + name);
            List<String> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!got.contains("hello " + name) && System.nanoTime() < deadline) {
                got.addAll(HubAndAgent.bodies(mcp.ok("wait_for_messages", "timeout_seconds", 10)));
            }
            assertThat(got).contains("hello " + name);
        }
    }
}
