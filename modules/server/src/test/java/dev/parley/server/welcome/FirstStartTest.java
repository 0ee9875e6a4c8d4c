package dev.parley.server.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ExitCode;
import dev.parley.server.auth.Secrets;
import dev.parley.testing.ChildProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real hub process prints for the person who started it (issue 10, point 6): once it listens, the chat and
 * WebSocket URLs with the real port, the CLI and MCP host lines under {@code $PARLEY_HOME}, what peers need and how
 * to stop it, exactly once; and a busy port is one line and {@link ExitCode#PORT_UNAVAILABLE}.
 */
class FirstStartTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Pattern JOIN_CODE = Pattern.compile("Join code: +parley://127\\.0\\.0\\.1:(\\d+)#([\\w-]{43}) ");

    @TempDir
    Path dir;

    @Test
    void the_first_start_prints_once_where_to_chat_the_cli_and_mcp_lines_the_join_code_and_how_to_stop()
            throws Exception {
        String output;
        long pid;
        int port;
        try (ChildProcess hub = hub("--auth", "token")) {
            port = hub.awaitPort(START);
            hub.awaitLine(Pattern.compile("^  Stop: "), START);
            pid = hub.pid();
            hub.stop();
            output = hub.output();
        }
        String cli = dir.resolve("home/bin/parley").toString();
        assertThat(output).contains("Parley hub is up (auth: token).")
                .contains("  Chat:       http://127.0.0.1:" + port + "/chat\n")
                .contains("  WebSocket:  ws://127.0.0.1:" + port + "/ws\n")
                .contains("  CLI:        PARLEY_SERVER_URL=http://127.0.0.1:" + port + " " + cli + " send general")
                .contains("  MCP host:   claude mcp add parley -e PARLEY_SERVER_URL=http://127.0.0.1:" + port + " -- "
                        + cli + " mcp --name my-agent\n")
                .contains("  Stop:       Ctrl-C, or kill " + pid);
        assertThat(occurrences(output, "/chat")).as("printed once, also not again at the stop").isOne();
        assertThat(occurrences(output, "Join code:")).isOne();
        Matcher code = JOIN_CODE.matcher(output);
        assertThat(code.find()).as(output).isTrue();
        assertThat(Integer.parseInt(code.group(1))).isEqualTo(port);
        assertThat(Secrets.matches(code.group(2), storedTokenHash())).as("the join code carries the hub's token").isTrue();
    }

    @Test
    void a_quiet_start_shows_only_the_new_join_code_and_a_later_start_says_how_to_get_one() throws Exception {
        String quiet;
        try (ChildProcess hub = hub("--auth", "token", "--quiet")) {
            hub.awaitLine(JOIN_CODE, START);
            hub.awaitHealthy(START);
            hub.stop();
            quiet = hub.output();
        }
        assertThat(quiet).doesNotContain("/chat").doesNotContain("MCP host:").doesNotContain("Stop:");

        String later;
        try (ChildProcess hub = hub("--auth", "token")) {
            hub.awaitLine(Pattern.compile("^  Stop: "), START);
            hub.stop();
            later = hub.output();
        }
        assertThat(later).as("the token is stored hashed: nothing to show again").doesNotContain("parley://")
                .contains("  Peers:      on other machines need a join code: " + dir.resolve("home/bin/parley")
                        + " invite (on this machine)");
    }

    @Test
    void a_busy_port_is_one_line_naming_it_and_the_flag_and_exit_17_before_the_database_is_touched()
            throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            try (ChildProcess hub = ChildProcess.start(command("--port", String.valueOf(port)), null, env())) {
                assertThat(hub.awaitExit(START)).isEqualTo(ExitCode.PORT_UNAVAILABLE.code()).isEqualTo(17);
                List<String> lines = Arrays.asList(hub.output().split("\n"));
                assertThat(lines).as(hub.output())
                        .containsExactly("parley: port " + port + " is in use - start with `-- --port N` (0: any free port)");
            }
        }
        assertThat(dir.resolve("hub.db")).as("no migration ran for a hub that cannot listen").doesNotExist();
    }

    /** {@code HubMain --db dir/hub.db --host 127.0.0.1 --port 0 args} in its own JVM, with its home in {@code dir}. */
    private ChildProcess hub(String... args) {
        List<String> all = new ArrayList<>(List.of("--port", "0"));
        all.addAll(List.of(args));
        return ChildProcess.start(command(all.toArray(String[]::new)), null, env());
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "dev.parley.server.HubMain",
                "--db", dir.resolve("hub.db").toString(), "--host", "127.0.0.1"));
        command.addAll(List.of(args));
        return command;
    }

    /** The tests' environment without any PARLEY_* of the machine, and PARLEY_HOME in the test's folder. */
    private Map<String, String> env() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("PARLEY_"));
        env.put("PARLEY_HOME", dir.resolve("home").toString());
        return env;
    }

    private String storedTokenHash() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery("SELECT hash FROM hub_tokens WHERE revoked_at IS NULL")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
