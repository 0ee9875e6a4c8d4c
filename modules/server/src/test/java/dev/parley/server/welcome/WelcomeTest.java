package dev.parley.server.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.auth.AuthMode;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The welcome's text for each way of binding a hub: which hosts, which hints, at most a dozen lines. */
class WelcomeTest {
    private static final Path HOME = Path.of("/home/you/.parley");
    private static final Path CLI = HOME.resolve("bin/parley");

    @Test
    void a_hub_on_every_address_shows_a_lan_address_of_this_machine_and_localhost_for_local_clients()
            throws Exception {
        Welcome welcome = Welcome.of("0.0.0.0", 9700, AuthMode.TOKEN, Optional.empty(), HOME, 42);
        List<String> lines = welcome.lines();
        Optional<String> lan = welcome.hosts().network();

        assertThat(welcome.hosts().local()).isEqualTo("localhost");
        if (lan.isPresent()) {
            NetworkInterface owner = NetworkInterface.getByInetAddress(InetAddress.getByName(lan.get()));
            assertThat(owner).as(lan.get() + " is an address of this machine").isNotNull();
            assertThat(owner.isLoopback()).isFalse();
            assertThat(lines).contains("  Chat:       http://" + lan.get() + ":9700/chat  (on this machine:"
                    + " http://localhost:9700/chat)", "  WebSocket:  ws://" + lan.get() + ":9700/ws");
        } else {
            assertThat(lines).contains("  Chat:       http://localhost:9700/chat");
        }
        assertThat(lines).as("the CLI's default hub: no URL to set")
                .contains("  CLI:        /home/you/.parley/bin/parley send general \"hello\"  (--help lists every command)")
                .contains("  MCP host:   claude mcp add parley -e PARLEY_SERVER_URL=http://localhost:9700 --"
                        + " /home/you/.parley/bin/parley mcp --name my-agent")
                .contains("  Stop:       Ctrl-C, or kill 42");
        assertThat(lines.size()).isLessThanOrEqualTo(12);
    }

    @Test
    void an_open_hub_on_the_network_warns_that_anyone_may_connect_and_a_loopback_one_does_not() {
        ReachableHosts network = new ReachableHosts("localhost", Optional.of("192.168.1.20"));
        List<String> open = new Welcome(network, 9700, AuthMode.OPEN, Optional.empty(), CLI, 42).lines();
        assertThat(open).anyMatch(line -> line.startsWith("  Open:       anyone who reaches this port"))
                .noneMatch(line -> line.startsWith("  Join code:") || line.startsWith("  Peers:"));

        List<String> loopback = Welcome.of("127.0.0.1", 9700, AuthMode.OPEN, Optional.empty(), HOME, 42).lines();
        assertThat(loopback).noneMatch(line -> line.startsWith("  Open:") || line.startsWith("  Peers:"))
                .contains("  Chat:       http://127.0.0.1:9700/chat");
    }

    @Test
    void a_join_code_made_at_this_start_names_the_address_peers_reach_and_is_never_shown_for_an_open_hub() {
        ReachableHosts network = new ReachableHosts("localhost", Optional.of("192.168.1.20"));
        Welcome token = new Welcome(network, 9800, AuthMode.KEYS, Optional.of("T0KEN"), CLI, 42);
        assertThat(token.joinCode()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("  Join code:  parley://192.168.1.20:9800#T0KEN  (shown once"));
        assertThat(token.lines()).contains(token.joinCode().orElseThrow()).noneMatch(line -> line.contains("invite ("));
        assertThat(new Welcome(network, 9800, AuthMode.OPEN, Optional.of("T0KEN"), CLI, 42).joinCode()).isEmpty();
    }

    @Test
    void an_ipv6_address_is_written_in_brackets() {
        assertThat(Welcome.of("::1", 9700, AuthMode.OPEN, Optional.empty(), HOME, 42).lines())
                .contains("  Chat:       http://[::1]:9700/chat", "  WebSocket:  ws://[::1]:9700/ws");
        assertThat(ReachableHosts.of("fd00::5")).isEqualTo(new ReachableHosts("[fd00::5]", Optional.of("[fd00::5]")));
    }
}
