package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.HubExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** Flags beat the environment, which beats the config file, which beats the defaults. */
class ConfigPrecedenceTest {
    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    private final Path dir = hub.dir();

    @Test
    void each_setting_comes_from_the_first_source_that_has_it() throws Exception {
        Path home = Files.createTempDirectory(dir, "home");
        new ConfigFile(home.resolve("config.properties")).update(Map.of("server_url", "http://file:1", "name", "from-file",
                "token", "file-token", "key", "file-key"));
        Map<String, String> env = new HashMap<>(Map.of("PARLEY_HOME", home.toString()));

        Settings fileOnly = Settings.resolve(flags(), env);
        assertThat(fileOnly.serverUrl()).isEqualTo("http://file:1");
        assertThat(fileOnly.name()).isEqualTo("from-file");
        assertThat(fileOnly.token()).isEqualTo("file-token");
        assertThat(fileOnly.key()).isEqualTo("file-key");
        assertThat(fileOnly.db()).isEqualTo(home.resolve("parley.db"));

        env.putAll(Map.of("PARLEY_SERVER_URL", "http://env:2/", "PARLEY_NAME", "from-env", "PARLEY_TOKEN", "env-token",
                "PARLEY_DB", "/elsewhere/live.db"));
        Settings withEnv = Settings.resolve(flags(), env);
        assertThat(withEnv.serverUrl()).isEqualTo("http://env:2");
        assertThat(withEnv.name()).isEqualTo("from-env");
        assertThat(withEnv.token()).isEqualTo("env-token");
        assertThat(withEnv.key()).isEqualTo("file-key");
        assertThat(withEnv.db()).isEqualTo(Path.of("/elsewhere/live.db"));

        Settings withFlags = Settings.resolve(flags("--server", "flag:3", "--name", "from-flag", "--key", "flag-key"), env);
        assertThat(withFlags.serverUrl()).isEqualTo("http://flag:3");
        assertThat(withFlags.name()).isEqualTo("from-flag");
        assertThat(withFlags.token()).isEqualTo("env-token");
        assertThat(withFlags.key()).isEqualTo("flag-key");
    }

    @Test
    void defaults_are_the_local_hub_and_the_os_user() throws Exception {
        Path home = Files.createTempDirectory(dir, "empty");
        Settings settings = Settings.resolve(flags(), Map.of("PARLEY_HOME", home.toString(), "PARLEY_NAME", " "));
        assertThat(settings.serverUrl()).isEqualTo("http://localhost:9700");
        assertThat(settings.name()).isEqualTo(System.getProperty("user.name"));
        assertThat(settings.token()).isNull();
        assertThat(settings.json()).isFalse();
        assertThatThrownBy(() -> Settings.resolve(flags("--server", "ftp://x"), Map.of("PARLEY_HOME", home.toString())))
                .isInstanceOf(CliException.class).hasMessageContaining("not a hub address");
    }

    @Test
    void a_real_run_follows_the_same_order() throws Exception {
        Path home = Files.createTempDirectory(dir, "process");
        new ConfigFile(home.resolve("config.properties")).update(Map.of("server_url", hub.url(), "name", "file-name"));
        Cli fromFile = new Cli(null, home);
        assertThat(fromFile.run("--json", "send", "general", "a").json().path("sender").asText()).isEqualTo("file-name");

        Cli deadEnv = fromFile.with("PARLEY_SERVER_URL", "http://127.0.0.1:1").with("PARLEY_NAME", "env-name");
        assertThat(deadEnv.run("status").code()).isEqualTo(Exit.HUB_UNREACHABLE.code());
        Cli.Result flagged = deadEnv.run("--server", hub.url(), "send", "general", "b", "--json");
        assertThat(flagged.json().path("sender").asText()).isEqualTo("env-name");
        Cli.Result both = deadEnv.run("send", "--server", hub.url(), "--name", "flag-name", "general", "c", "--json");
        assertThat(both.json().path("sender").asText()).isEqualTo("flag-name");
    }

    private static GlobalOptions flags(String... args) {
        GlobalOptions options = new GlobalOptions();
        new CommandLine(new Object() {
            @CommandLine.Mixin
            GlobalOptions mixin = options;
        }).parseArgs(args);
        return options;
    }
}
