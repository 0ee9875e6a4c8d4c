package dev.parley.cli.commands;

import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code parley bench --scenario latency}: the load tool of {@code modules/bench}
 * ({@code dev.parley.bench.BenchCommand}, its own options and exit codes: parley bench --help). Unless
 * {@code --url}/{@code --token} are given it uses the CLI's hub URL and token (flags before {@code bench},
 * environment, config file).
 */
@Command(name = "bench", description = "Load-test a hub (options: parley bench --help).")
public final class BenchDelegate extends DelegatingCommand {
    static final String BENCH_CLASS = "dev.parley.bench.BenchCommand";

    @Override
    public Integer call() {
        Class<?> type = find(BENCH_CLASS)
                .orElseThrow(() -> new CliException(Exit.USAGE, "parley bench is not available in this build"));
        Settings settings = Settings.resolve(cli().globals(), cli().env());
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("--url", settings.serverUrl());
        defaults.put("--token", settings.token());
        return delegate(instantiate(type), defaults);
    }
}
