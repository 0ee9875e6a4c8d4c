package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.client.HubAddress;
import dev.parley.server.HubConfig;
import dev.parley.store.StoredMessage;
import dev.parley.testing.ChildProcess;
import dev.parley.testing.HubExtension;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RestProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code parley send}, {@code parley listen}, {@code parley bench} and {@code parley mcp} reach the hub with every
 * form of address {@code HubAddress} reads, given as {@code PARLEY_SERVER_URL} to the real CLI process; anything
 * else is one line of usage error.
 */
class HubAddressFormsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger RUNS = new AtomicInteger();

    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    /** A hub on the IPv6 loopback, or null where this machine has none (then that form is not in the test data). */
    private static InProcessHub ipv6;

    @BeforeAll
    static void startIpv6Hub() throws Exception {
        if (ipv6LoopbackWorks()) {
            ipv6 = InProcessHub.start(new HubConfig(hub.dir().resolve("ipv6.db"), "::1", 0));
        }
    }

    @AfterAll
    static void stopIpv6Hub() {
        if (ipv6 != null) {
            ipv6.close();
        }
    }

    static Stream<Arguments> addresses() {
        InProcessHub ipv4 = hub.hub();
        int port = ipv4.port();
        List<Arguments> forms = new ArrayList<>(List.of(
                arguments("http://127.0.0.1:" + port, ipv4, ipv4.rest()),
                arguments("ws://127.0.0.1:" + port + "/ws", ipv4, ipv4.rest()),
                arguments("ws://127.0.0.1:" + port, ipv4, ipv4.rest()),
                arguments("127.0.0.1:" + port, ipv4, ipv4.rest())));
        if (ipv6 != null) {
            String http = "http://[::1]:" + ipv6.port(); // the hub listens on ::1 only
            forms.add(arguments("[::1]:" + ipv6.port(), ipv6, new RestProbe(http)));
        }
        return forms.stream();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the hubs live as long as the class
    @MethodSource("addresses")
    void send_stores_the_message_at_the_hub_the_address_names(String address, InProcessHub hub, RestProbe rest)
            throws Exception {
        String text = "sent via " + address;
        Cli.Result sent = cli(address, "sender").run("--json", "send", "general", text);

        assertThat(sent.code()).as(sent.toString()).isZero();
        String id = sent.json().path("message_id").asText();
        assertThat(hub.hub().services().store().messages().find(id)).get().extracting(StoredMessage::body)
                .isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the hubs live as long as the class
    @MethodSource("addresses")
    void listen_prints_what_the_hub_the_address_names_delivers(String address, InProcessHub hub, RestProbe rest)
            throws Exception {
        int run = RUNS.incrementAndGet();
        String name = "listener-" + run;
        String channel = "forms-" + run;
        rest.send(name, "general", name + " registers");
        rest.postJson("/api/channels/create", "{\"name\":\"" + channel + "\",\"created_by\":\"" + name + "\"}");
        try (ChildProcess listen = cli(address, name).start("listen", channel, "--count", "1", "--json")) {
            assertThat(listen.awaitErrorLine(line -> line.contains("listening as " + name), WAIT)).isNotNull();

            rest.send("max", channel, "heard via " + address);
            String line = listen.awaitLine(l -> !l.isBlank(), WAIT);
            assertThat(new ObjectMapper().readTree(line).path("body").asText()).isEqualTo("heard via " + address);
            assertThat(listen.awaitExit(WAIT)).isZero();
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the hubs live as long as the class
    @MethodSource("addresses")
    void bench_runs_its_socket_scenario_against_the_hub_the_address_names(String address, InProcessHub hub,
            RestProbe rest) throws Exception {
        Cli.Result result = cli(address, "bencher").run("bench", "--scenario", "fanout", "--receivers", "1",
                "--senders", "1", "--messages", "20", "--drain-seconds", "5", "--quiet");

        assertThat(result.code()).as(result.toString()).isZero();
        JsonNode line = new ObjectMapper().readTree(result.out().strip());
        assertThat(line.path("url").asText()).isEqualTo(HubAddress.parse(address).http().toString());
        assertThat(line.path("sent").asLong()).isEqualTo(20);
        assertThat(line.path("lost").asLong()).isZero();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the hubs live as long as the class
    @MethodSource("addresses")
    void mcp_serves_an_agent_that_sends_to_the_hub_the_address_names(String address, InProcessHub hub, RestProbe rest)
            throws Exception {
        String name = "agent-" + RUNS.incrementAndGet();
        try (ChildProcess mcp = cli(address, name).startInteractive("mcp")) {
            rpc(mcp, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"forms-test\",\"version\":\"1\"}}}");
            assertThat(mcp.awaitLine(l -> l.contains("\"id\":1"), WAIT)).contains("\"result\"");
            rpc(mcp, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            rpc(mcp, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"send_message\","
                    + "\"arguments\":{\"channel\":\"general\",\"body\":\"from " + name + "\"}}}");
            JsonNode answer = new ObjectMapper().readTree(mcp.awaitLine(l -> l.contains("\"id\":2"), WAIT));

            assertThat(answer.path("result").path("isError").asBoolean(false)).as(answer.toString()).isFalse();
            String text = answer.path("result").path("content").path(0).path("text").asText();
            String id = new ObjectMapper().readTree(text).path("sent").path("message_id").asText();
            assertThat(hub.hub().services().store().messages().find(id)).get()
                    .satisfies(m -> assertThat(m.sender()).isEqualTo(name))
                    .extracting(StoredMessage::body).isEqualTo("from " + name);
        }
    }

    /** One JSON-RPC message on the MCP server's stdin. */
    private static void rpc(ChildProcess mcp, String json) {
        mcp.write(json + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"send", "listen"})
    void a_malformed_address_is_one_line_of_usage_error(String command) throws Exception {
        String bad = "ftp://127.0.0.1:" + hub.port();
        Cli.Result result = cli(bad, "sender").run(command.equals("send")
                ? new String[] {"send", "general", "never sent"} : new String[] {"listen", "--count", "1"});

        assertThat(result.code()).as(result.toString()).isEqualTo(Exit.USAGE.code());
        assertThat(result.err().strip().lines()).as(result.toString()).singleElement().asString()
                .contains("not a hub address: '" + bad + "'")
                .contains("http(s)://host:port, ws(s)://host:port[/ws], host:port or host");
        assertThat(result.out()).isEmpty();
    }

    private static Cli cli(String address, String name) {
        return new Cli(address, hub.dir().resolve("home")).with("PARLEY_NAME", name);
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return probe.getLocalPort() > 0;
        } catch (IOException noIpv6) {
            return false;
        }
    }
}
