package dev.parley.server.welcome;

import dev.parley.server.auth.AuthMode;
import dev.parley.server.auth.HubToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a hub prints once it listens, for the person who just started it: where to chat, the WebSocket URL, the CLI
 * and the MCP host line, what peers on other machines need, and how to stop it. Plain text, no colour, a few lines:
 *
 * <pre>
 * Parley hub is up (auth: token).
 *   Chat:       http://192.168.1.20:9700/chat  (on this machine: http://localhost:9700/chat)
 *   WebSocket:  ws://192.168.1.20:9700/ws
 *   CLI:        /home/you/.parley/bin/parley send general "hello"  (--help lists every command)
 *   MCP host:   claude mcp add parley -e PARLEY_SERVER_URL=http://localhost:9700 -- /home/you/.parley/bin/parley mcp --name my-agent
 *   Peers:      on other machines need a join code: /home/you/.parley/bin/parley invite (on this machine)
 *   Stop:       Ctrl-C, or kill 4242
 * </pre>
 *
 * @param hosts    how this machine and the network reach the hub
 * @param port     the port it listens on (the real one, also with {@code --port 0})
 * @param auth     the auth mode in force
 * @param newToken the hub token this start created (shown once; only its hash is stored), if it made one
 * @param cli      the launcher a bootstrap install writes: {@code $PARLEY_HOME/bin/parley}
 * @param pid      the hub's process id, for {@code kill}
 */
public record Welcome(ReachableHosts hosts, int port, AuthMode auth, Optional<String> newToken, Path cli, long pid) {
    /** Where the CLI and agents look for a hub when {@code PARLEY_SERVER_URL} is not set (README, Configuration). */
    static final String CLIENT_DEFAULT_URL = "http://localhost:9700";

    /** The welcome of a hub bound to {@code boundHost}, with the launcher under {@code parleyHome}. */
    public static Welcome of(String boundHost, int port, AuthMode auth, Optional<String> newToken, Path parleyHome,
            long pid) {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        Path cli = parleyHome.toAbsolutePath().resolve("bin").resolve(windows ? "parley.cmd" : "parley");
        return new Welcome(ReachableHosts.of(boundHost), port, auth, newToken, cli, pid);
    }

    /** Every line, in order. */
    public List<String> lines() {
        String chat = url("http", hosts.shared(), "/chat");
        String local = url("http", hosts.local(), "");
        List<String> lines = new ArrayList<>();
        lines.add("Parley hub is up (auth: " + auth.wire() + ").");
        lines.add(row("Chat:", !hosts.shared().equals(hosts.local()) ? chat + "  (on this machine: " + local + "/chat)" : chat));
        lines.add(row("WebSocket:", url("ws", hosts.shared(), "/ws")));
        String env = local.equals(CLIENT_DEFAULT_URL) ? "" : "PARLEY_SERVER_URL=" + local + " ";
        lines.add(row("CLI:", env + cli + " send general \"hello\"  (--help lists every command)"));
        lines.add(row("MCP host:", "claude mcp add parley -e PARLEY_SERVER_URL=" + local + " -- " + cli
                + " mcp --name my-agent"));
        peers().ifPresent(lines::add);
        lines.add(row("Stop:", "Ctrl-C, or kill " + pid));
        return lines;
    }

    /** The join code line when this start made the hub token: it cannot be shown again, so even a quiet hub says it. */
    public Optional<String> joinCode() {
        return newToken.filter(token -> auth != AuthMode.OPEN).map(token -> row("Join code:",
                HubToken.joinCode(hosts.shared(), port, token)
                        + "  (shown once, only its hash is stored; peers: parley join CODE; parley invite makes more)"));
    }

    /** What other machines need: the new join code, how to make one, or a warning that anyone may connect. */
    private Optional<String> peers() {
        if (auth == AuthMode.OPEN) {
            return hosts.network().map(any -> row("Open:", "anyone who reaches this port may connect under any name"
                    + " (--auth token asks for a join code)"));
        }
        return joinCode().or(() -> Optional.of(row("Peers:", "on other machines need a join code: " + cli
                + " invite (on this machine)")));
    }

    private String url(String scheme, String host, String path) {
        return scheme + "://" + host + ":" + port + path;
    }

    private static String row(String label, String text) {
        return String.format("  %-11s %s", label, text);
    }
}
