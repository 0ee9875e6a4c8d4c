package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.server.HubConfig;
import dev.parley.server.auth.AuthMode;
import dev.parley.testing.HubExtension;
import dev.parley.testing.InProcessHub;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wrong input, a hub that is down or refuses: a clear message on stderr, no stack trace, the right exit code. */
class ErrorsAndExitCodesTest {
    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    private final Cli cli = Cli.at(hub).with("PARLEY_NAME", "alice");
    private final Path dir = hub.dir();

    @Test
    void help_lists_the_commands_the_configuration_precedence_and_the_exit_codes() throws Exception {
        Cli.Result help = cli.run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("send", "dm", "listen", "ack-all", "channels", "export", "backup", "serve", "mcp")
                .contains("Configuration, first found wins").contains("PARLEY_SERVER_URL")
                .contains("config.properties").contains("Exit codes").contains("9  hub not reachable");
        assertThat(cli.run("help", "send").out()).contains("Usage: parley send");
        assertThat(cli.run("send", "--help").out()).contains("--reply-to").contains("--json");
    }

    @Test
    void no_command_prints_the_usage_as_an_error() throws Exception {
        Cli.Result result = cli.run();
        assertThat(result.code()).isEqualTo(Exit.USAGE.code());
        assertThat(result.err()).contains("Usage: parley");
    }

    @Test
    void usage_mistakes_exit_2_with_a_hint_and_no_stack_trace() throws Exception {
        assertUsage(cli.run("sned", "general", "hi"), "Unmatched argument", "Did you mean");
        assertUsage(cli.run("send", "general", "hi", "--bogus"), "Unknown option: '--bogus'", "parley send --help");
        assertUsage(cli.run("send"), "Missing required parameter", "parley send --help");
        assertUsage(cli.run("send", "general"), "nothing to send", "");
        assertUsage(cli.run("list", "general", "-n", "0"), "--limit must be between 1 and 200", "");
        assertUsage(cli.run("list", "general", "-n", "lots"), "Invalid value", "");
        assertUsage(cli.run("send", "general", "x", "--metadata", "[1]"), "--metadata must be a JSON object", "");
        assertUsage(cli.run("--server", "ftp://hub", "status"), "not a hub address: 'ftp://hub'", "http(s)://host:port");
        assertUsage(cli.run("serve", "--port", "99999"), "the port must be 0 to 65535", "parley serve --help");
        assertUsage(cli.with("PARLEY_PORT", "-1").run("serve"), "the port must be 0 to 65535", "");
        assertUsage(cli.run("serve", "--auth", "sometimes"), "sometimes", "parley serve --help");
    }

    @Test
    void a_delegated_command_that_fails_unexpectedly_says_so_in_one_line() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "a file");

        Cli.Result result = cli.run("serve", "--db", notAFolder.resolve("parley.db").toString(), "--port", "0");

        assertThat(result.code()).as(result.toString()).isEqualTo(Exit.UNEXPECTED.code());
        assertThat(result.err()).contains("parley: unexpected error: ", "not-a-folder", "PARLEY_DEBUG");
        assertThat(result.err()).doesNotContain("\tat ");
    }

    @Test
    void unknown_channel_or_participant_exits_4() throws Exception {
        Cli.Result list = cli.run("list", "no-such-channel");
        assertThat(list.code()).isEqualTo(Exit.NOT_FOUND.code());
        assertThat(list.err()).contains("no-such-channel").contains("parley channels");
        assertThat(cli.run("send", "no-such-channel", "hi").code()).isEqualTo(Exit.NOT_FOUND.code());
        assertThat(cli.run("channels", "join", "no-such-channel").code()).isEqualTo(Exit.NOT_FOUND.code());
        Cli.Result dm = cli.run("dm", "nobody-at-all", "hi");
        assertThat(dm.code()).as(dm.toString()).isEqualTo(Exit.NOT_FOUND.code());
        assertNoStackTrace(dm);
    }

    @Test
    void input_the_hub_rejects_exits_6() throws Exception {
        Cli.Result badName = cli.run("channels", "create", "no/slashes!");
        assertThat(badName.code()).as(badName.toString()).isEqualTo(Exit.REJECTED.code());
        assertThat(badName.err()).contains("channel names are");
        Cli.Result blank = cli.run("send", "general", "   ");
        assertThat(blank.code()).as(blank.toString()).isEqualTo(Exit.REJECTED.code());
        assertNoStackTrace(blank);
    }

    @Test
    void a_hub_that_is_down_exits_3_and_says_how_to_start_one() throws Exception {
        String url = "http://127.0.0.1:" + freePort();
        Cli down = new Cli(url, dir.resolve("home-down"));
        for (String[] args : new String[][] {{"status"}, {"send", "general", "hi"}, {"listen"}, {"register"},
                {"export"}}) {
            Cli.Result result = down.run(args);
            assertThat(result.code()).as(String.join(" ", args) + "\n" + result).isEqualTo(Exit.HUB_UNREACHABLE.code());
            assertThat(result.err()).contains("hub not reachable at " + url)
                    .contains("is it running? start it with `java Bootstrap.java` or `parley serve`");
            assertNoStackTrace(result);
        }
    }

    @Test
    void a_server_that_is_not_a_parley_hub_exits_3() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            Cli.Result result = new Cli("http://127.0.0.1:" + other.getAddress().getPort(), dir.resolve("home-other"))
                    .run("channels");
            assertThat(result.code()).isEqualTo(Exit.HUB_UNREACHABLE.code());
            assertThat(result.err()).contains("not JSON").contains("is it a Parley hub?");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void a_claimed_name_without_its_key_is_refused_with_exit_5() throws Exception {
        try (InProcessHub strict = InProcessHub.start(new HubConfig(dir.resolve("keys.db"), "127.0.0.1", 0)
                .withAuth(AuthMode.KEYS))) {
            Cli kim = new Cli(strict.url(), dir.resolve("home-keys")).with("PARLEY_NAME", "kim");
            Cli.Result registered = kim.run("register", "--json");
            assertThat(registered.code()).as(registered.toString()).isZero();
            String key = registered.json().path("key").asText();
            assertThat(key).isNotBlank();

            Cli.Result refused = kim.run("send", "general", "hi");
            assertThat(refused.code()).as(refused.toString()).isEqualTo(Exit.REFUSED.code());
            assertThat(refused.err()).contains("claimed").contains("--key or PARLEY_KEY");
            assertNoStackTrace(refused);
            assertThat(kim.run("listen").code()).isEqualTo(Exit.REFUSED.code());

            assertThat(kim.with("PARLEY_KEY", key).run("send", "general", "hi").code()).isZero();
            assertThat(kim.run("--key", key, "send", "general", "hi again").code()).isZero();
        }
    }

    @Test
    void mcp_is_wired_to_the_mcp_module() throws Exception {
        Cli.Result help = cli.run("mcp", "--help");
        assertThat(help.code()).as(help.toString()).isZero();
        assertThat(help.out()).contains("Usage: parley mcp");
    }

    private static void assertUsage(Cli.Result result, String message, String hint) {
        assertThat(result.code()).as(result.toString()).isEqualTo(Exit.USAGE.code());
        assertThat(result.err()).contains(message).contains(hint);
        assertNoStackTrace(result);
    }

    private static void assertNoStackTrace(Cli.Result result) {
        assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
