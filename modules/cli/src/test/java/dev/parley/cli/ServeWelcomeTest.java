package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ExitCode;
import dev.parley.testing.ChildProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley serve} prints the hub's welcome on stdout, and names its own flag when the port is busy. */
class ServeWelcomeTest {
    @TempDir
    Path dir;

    @Test
    void serve_prints_the_welcome_on_stdout_with_the_launcher_under_parley_home() throws Exception {
        Cli cli = new Cli(null, dir.resolve("home"));
        try (ChildProcess serve = cli.start("serve", "--db", dir.resolve("served.db").toString(), "--host",
                "127.0.0.1", "--port", "0")) {
            serve.awaitLine(line -> line.startsWith("  Stop:"), Duration.ofSeconds(60));
            String welcome = String.join("\n", serve.lines());
            assertThat(welcome).contains("Parley hub is up (auth: open).")
                    .containsPattern("Chat: +http://127\\.0\\.0\\.1:\\d+/chat")
                    .contains("-- " + dir.resolve("home/bin/parley") + " mcp --name my-agent")
                    .contains("Stop:       Ctrl-C, or kill " + serve.pid());
            assertThat(serve.stop()).as("exit code after SIGTERM").isNotNegative();
        }
    }

    @Test
    void serve_on_a_busy_port_is_one_line_with_the_serve_flag_and_exit_17() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Cli.Result result = new Cli(null, dir.resolve("home")).run("serve", "--db", dir.resolve("busy.db").toString(),
                    "--host", "127.0.0.1", "--port", String.valueOf(port));
            assertThat(result.code()).as(result.toString()).isEqualTo(ExitCode.PORT_UNAVAILABLE.code());
            assertThat(result.err()).isEqualTo("parley: port " + port
                    + " is in use - start with `parley serve --port N` (0: any free port)\n");
            assertThat(result.out()).isEmpty();
        }
    }
}
