package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.client.HubAddress;
import dev.parley.cli.ListenCommandTest.Lines;
import dev.parley.server.HubConfig;
import dev.parley.store.StoredMessage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    private static final long WAIT_SECONDS = 30;
    private static final AtomicInteger RUNS = new AtomicInteger();

    @RegisterExtension
    static final SharedHub shared = SharedHub.withName(null);

    /** A hub on the IPv6 loopback, or null where this machine has none (then that form is not in the test data). */
    private static CliHub ipv6;

    @BeforeAll
    static void startIpv6Hub() throws Exception {
        if (ipv6LoopbackWorks()) {
            ipv6 = CliHub.start(new HubConfig(shared.dir().resolve("ipv6.db"), "::1", 0));
        }
    }

    @AfterAll
    static void stopIpv6Hub() {
        if (ipv6 != null) {
            ipv6.close();
        }
    }

    static Stream<Arguments> addresses() {
        CliHub ipv4 = shared.hub();
        int port = ipv4.hub().port();
        List<Arguments> forms = new ArrayList<>(List.of(
                arguments("http://127.0.0.1:" + port, ipv4),
                arguments("ws://127.0.0.1:" + port + "/ws", ipv4),
                arguments("ws://127.0.0.1:" + port, ipv4),
                arguments("127.0.0.1:" + port, ipv4)));
        if (ipv6 != null) {
            forms.add(arguments("[::1]:" + ipv6.hub().port(), ipv6));
        }
        return forms.stream();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the hubs live as long as the class
    @MethodSource("addresses")
    void send_stores_the_message_at_the_hub_the_address_names(String address, CliHub hub) throws Exception {
        String text = "sent via " + address;
        Cli.Result sent = cli(address, "sender").run("--json", "send", "general", text);

        assertThat(sent.code()).as(sent.toString()).isZero();
        String id = sent.json().path("message_id").asText();
        assertThat(hub.hub().services().store().messages().find(id)).get().extracting(StoredMessage::body)
                .isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the hubs live as long as the class
    @MethodSource("addresses")
    void listen_prints_what_the_hub_the_address_names_delivers(String address, CliHub hub) throws Exception {
        int run = RUNS.incrementAndGet();
        String name = "listener-" + run;
        String channel = "forms-" + run;
        hub.send(name, "general", name + " registers");
        hub.post("/api/channels/create", "{\"name\":\"" + channel + "\",\"created_by\":\"" + name + "\"}");
        Process listen = cli(address, name).start("listen", channel, "--count", "1", "--json");
        try {
            Lines out = new Lines(listen.getInputStream());
            Lines err = new Lines(listen.getErrorStream());
            assertThat(err.await(line -> line.contains("listening as " + name))).isNotNull();

            hub.send("max", channel, "heard via " + address);
            String line = out.await(l -> !l.isBlank());
            assertThat(new ObjectMapper().readTree(line).path("body").asText()).isEqualTo("heard via " + address);
            assertThat(listen.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(listen.exitValue()).isZero();
        } finally {
            listen.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the hubs live as long as the class
    @MethodSource("addresses")
    void bench_runs_its_socket_scenario_against_the_hub_the_address_names(String address, CliHub hub) throws Exception {
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
    void mcp_serves_an_agent_that_sends_to_the_hub_the_address_names(String address, CliHub hub) throws Exception {
        String name = "agent-" + RUNS.incrementAndGet();
        Process mcp = cli(address, name).startInteractive("mcp");
        try {
            Lines out = new Lines(mcp.getInputStream());
            Writer in = new OutputStreamWriter(mcp.getOutputStream(), StandardCharsets.UTF_8);
            rpc(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"forms-test\",\"version\":\"1\"}}}");
            assertThat(out.await(l -> l.contains("\"id\":1"))).contains("\"result\"");
            rpc(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            rpc(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"send_message\","
                    + "\"arguments\":{\"channel\":\"general\",\"body\":\"from " + name + "\"}}}");
            JsonNode answer = new ObjectMapper().readTree(out.await(l -> l.contains("\"id\":2")));

            assertThat(answer.path("result").path("isError").asBoolean(false)).as(answer.toString()).isFalse();
            String text = answer.path("result").path("content").path(0).path("text").asText();
            String id = new ObjectMapper().readTree(text).path("sent").path("message_id").asText();
            assertThat(hub.hub().services().store().messages().find(id)).get()
                    .satisfies(m -> assertThat(m.sender()).isEqualTo(name))
                    .extracting(StoredMessage::body).isEqualTo("from " + name);
        } finally {
            mcp.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void rpc(Writer in, String json) throws IOException {
        in.write(json + "\n");
        in.flush();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"send", "listen"})
    void a_malformed_address_is_one_line_of_usage_error(String command) throws Exception {
        String bad = "ftp://127.0.0.1:" + shared.hub().hub().port();
        Cli.Result result = cli(bad, "sender").run(command.equals("send")
                ? new String[] {"send", "general", "never sent"} : new String[] {"listen", "--count", "1"});

        assertThat(result.code()).as(result.toString()).isEqualTo(Exit.USAGE.code());
        assertThat(result.err().strip().lines()).as(result.toString()).singleElement().asString()
                .contains("not a hub address: '" + bad + "'")
                .contains("http(s)://host:port, ws(s)://host:port[/ws], host:port or host");
        assertThat(result.out()).isEmpty();
    }

    private static Cli cli(String address, String name) {
        return new Cli(address, shared.dir().resolve("home")).with("PARLEY_NAME", name);
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return probe.getLocalPort() > 0;
        } catch (IOException noIpv6) {
            return false;
        }
    }
}
