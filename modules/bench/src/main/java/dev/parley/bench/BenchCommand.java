package dev.parley.bench;

import dev.parley.client.HubAddress;
import dev.parley.protocol.ExitCode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code parley bench}: load-tests a hub over the compat wire protocol and prints one JSON line.
 *
 * <pre>parley bench --url 127.0.0.1:9700 --scenario fanout --receivers 10 --senders 2 --messages 5000</pre>
 *
 * <p>Exit status, rows of the one table {@link ExitCode}: {@link #EXIT_OK} for a clean run (or any finished run
 * with {@code --allow-loss}), {@link #EXIT_LOSS} when messages were lost, duplicated or refused or connections
 * failed, {@link #EXIT_USAGE} for bad options, {@link #EXIT_RUN_FAILED} when the run could not be carried out.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load-test a hub over the compat wire protocol (works against any compatible hub).",
                "Prints one JSON line on stdout; progress goes to stderr."})
public final class BenchCommand implements Callable<Integer> {
    public static final int EXIT_OK = ExitCode.OK.code();
    public static final int EXIT_LOSS = ExitCode.MESSAGES_LOST.code();
    public static final int EXIT_USAGE = ExitCode.USAGE.code();
    public static final int EXIT_RUN_FAILED = ExitCode.RUN_FAILED.code();
    static final String DEFAULT_URL = "http://127.0.0.1:9700";

    @Spec
    CommandSpec spec;

    @Option(names = "--url", description = "Hub address: http(s)://host:port, ws(s)://host:port[/ws], host:port or"
            + " host; the socket is ws://host:port/ws (default: $PARLEY_SERVER_URL, else " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--token", description = "Hub token: sent in the auth frame and as a Bearer token on REST"
            + " (default: $PARLEY_TOKEN).")
    String token;

    @Option(names = "--scenario", defaultValue = "fanout", converter = ScenarioConverter.class,
            description = "One of: fanout, latency, rest, idle, large-channel, reconnect-storm"
                    + " (default: ${DEFAULT-VALUE}).")
    ScenarioName scenario;

    @Option(names = "--receivers",
            description = "Receiving sockets (fanout 10, latency 3, rest 10, reconnect-storm 10).")
    Integer receivers;

    @Option(names = "--senders", description = "Senders (fanout 2, latency 1, rest 2).")
    Integer senders;

    @Option(names = "--messages", description = "Messages per sender (fanout 5000, latency 2000, rest 2000);"
            + " in total for large-channel (1000, per channel) and reconnect-storm (3000).")
    Long messages;

    @Option(names = "--rate", description = "Messages per second per sender, 0 = as fast as possible"
            + " (latency 200, reconnect-storm 500, else 0).")
    Double rate;

    @Option(names = "--concurrency", description = "REST requests in flight (rest, joins; 8) or handshakes in flight"
            + " (idle; 200).")
    Integer concurrency;

    @Option(names = "--connections", defaultValue = "1000",
            description = "Idle sockets to open (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--hold-seconds", defaultValue = "10",
            description = "How long idle sockets are held (default: ${DEFAULT-VALUE}).")
    int holdSeconds;

    @Option(names = "--offline-members", defaultValue = "2000",
            description = "Registered members of the large channel who never connect (default: ${DEFAULT-VALUE}).")
    int offlineMembers;

    @Option(names = "--storms", defaultValue = "3", description = "Reconnect storms (default: ${DEFAULT-VALUE}).")
    int storms;

    @Option(names = "--drain-seconds", defaultValue = "10",
            description = "Wait this long after the last send for missing deliveries (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(names = "--timeout-seconds", defaultValue = "30",
            description = "Limit for one connect, handshake or request (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--compare", paramLabel = "URL", description = "Run the same scenario against a second hub"
            + " (the reference, another build) right after the first, in the same run, and print a third line with"
            + " the ratios first/second.")
    String compare;

    @Option(names = "--deflate", description = "Every socket offers permessage-deflate (Jetty's WebSocket client), as"
            + " browsers, Python websockets and Node ws do; the report says how many the hub accepted.")
    boolean deflate;

    @Option(names = "--allow-loss", description = "Exit 0 even when messages were lost, duplicated or refused.")
    boolean allowLoss;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    /** A command reading {@code PARLEY_*} from the environment and writing to the process's streams. */
    public BenchCommand() {
        this(System.getenv(), System.out, System.err);
    }

    /** A command with its own environment and streams (tests, embedding in the CLI). */
    public BenchCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
    }

    /** Runs the scenario and prints its JSON line (with {@code --compare}: both runs' and the ratios'). */
    @Override
    public Integer call() {
        BenchSettings settings = settings();
        if (compare == null) {
            return run(settings).status();
        }
        HubAddress other;
        try {
            other = HubAddress.parse(compare);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--compare: " + e.getMessage());
        }
        Outcome first = run(settings);
        Outcome second = run(settings.withHub(other));
        if (first.report() != null && second.report() != null) {
            out.println(Frames.write(Comparison.of(first.report(), second.report())));
            out.flush();
        }
        return Math.max(first.status(), second.status());
    }

    /** One run's report (null when it failed) and exit status. */
    private record Outcome(RunReport report, int status) {}

    private Outcome run(BenchSettings settings) {
        Progress progress = new Progress(err, quiet);
        long start = System.nanoTime();
        RunReport report;
        try (BenchContext context = new BenchContext(settings, progress)) {
            String hub = context.health()
                    .map(h -> (h.getOrDefault("product", "") + " " + h.getOrDefault("version", "")).strip())
                    .filter(name -> !name.isEmpty()).orElse(null);
            progress.say("run %s: %s against %s (%s)", context.runId(), settings.scenario(), settings.hub().http(),
                    hub != null ? hub : "no /health answer");
            report = Scenario.of(settings.scenario()).run(context);
            report.put("hub", hub).put("run_id", context.runId());
            if (settings.deflate()) {
                report.put("deflate_accepted", context.deflateAccepted());
            }
        } catch (Exception e) {
            BenchFailure failure = BenchFailure.wrap(settings.scenario().wire, e);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("scenario", settings.scenario().wire);
            line.put("url", settings.hub().http().toString());
            line.put("error", failure.getMessage());
            out.println(Frames.write(line));
            out.flush();
            err.println("bench: " + failure.getMessage());
            return new Outcome(null, EXIT_RUN_FAILED);
        }
        out.println(report.toJsonLine((System.nanoTime() - start) / 1e9));
        out.flush();
        if (!report.clean()) {
            progress.say("not clean: lost %s, duplicates %s, rejected %s%s", report.get("lost"),
                    report.get("duplicates"), report.get("rejected"),
                    report.get("failed") != null ? ", failed " + report.get("failed") : "");
        }
        return new Outcome(report, exitStatus(report, allowLoss));
    }

    /** {@link #EXIT_OK} for a clean run or when losses are allowed, else {@link #EXIT_LOSS}. */
    static int exitStatus(RunReport report, boolean allowLoss) {
        return report.clean() || allowLoss ? EXIT_OK : EXIT_LOSS;
    }

    /** The options with the scenario's defaults filled in, checked. */
    BenchSettings settings() {
        HubAddress hub;
        try {
            hub = HubAddress.parse(url != null ? url : env.getOrDefault("PARLEY_SERVER_URL", DEFAULT_URL));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--url: " + e.getMessage());
        }
        String resolvedToken = token != null ? token : env.get("PARLEY_TOKEN");
        return new BenchSettings(scenario, hub, resolvedToken,
                atLeast("--receivers", receivers != null ? receivers : scenario.defaultReceivers,
                        usesReceivers() ? 1 : 0),
                atLeast("--senders", senders != null ? senders : scenario.defaultSenders, usesSenders() ? 1 : 0),
                atLeast("--messages", messages != null ? messages : scenario.defaultMessages,
                        scenario == ScenarioName.IDLE ? 0 : 1),
                rate(),
                Duration.ofSeconds(atLeast("--drain-seconds", drainSeconds, 0)),
                atLeast("--concurrency", concurrency != null ? concurrency : scenario.defaultConcurrency, 1),
                atLeast("--connections", connections, 1),
                Duration.ofSeconds(atLeast("--hold-seconds", holdSeconds, 0)),
                atLeast("--offline-members", offlineMembers, 0),
                atLeast("--storms", storms, 0),
                Duration.ofSeconds(atLeast("--timeout-seconds", timeoutSeconds, 1)),
                allowLoss, deflate);
    }

    private boolean usesReceivers() {
        return scenario == ScenarioName.FANOUT || scenario == ScenarioName.LATENCY || scenario == ScenarioName.REST
                || scenario == ScenarioName.RECONNECT_STORM;
    }

    private boolean usesSenders() {
        return scenario == ScenarioName.FANOUT || scenario == ScenarioName.LATENCY || scenario == ScenarioName.REST;
    }

    private double rate() {
        double value = rate != null ? rate : scenario.defaultRate;
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new ParameterException(spec.commandLine(), "--rate must be 0 (unlimited) or a positive number");
        }
        return value;
    }

    private <T extends Number> T atLeast(String option, T value, long minimum) {
        if (value.longValue() < minimum) {
            throw new ParameterException(spec.commandLine(),
                    option + " must be at least " + minimum + ", not " + value);
        }
        return value;
    }

    /** Reads {@code --scenario} values, which contain dashes. */
    static final class ScenarioConverter implements picocli.CommandLine.ITypeConverter<ScenarioName> {
        @Override
        public ScenarioName convert(String value) {
            return ScenarioName.parse(value);
        }
    }
}
