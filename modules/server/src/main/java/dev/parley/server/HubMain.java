package dev.parley.server;

import dev.parley.protocol.ExitCode;
import dev.parley.server.auth.AuthMode;
import dev.parley.server.welcome.Welcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The hub's entry point ({@code main_class} of the template): serves one database.
 *
 * <pre>java -cp ... dev.parley.server.HubMain --db ~/.parley/parley.db --port 9700</pre>
 *
 * <p>The bootstrap passes {@code --db} and then whatever the user wrote after {@code --}. A leading
 * {@code serve} is accepted so that the same arguments work for the CLI's {@code parley serve}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve a Parley hub on one database.")
public final class HubMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--db", description = "Database file (default: $PARLEY_DB, else $PARLEY_HOME/parley.db).")
    Path db;

    @Option(names = "--host", description = "Address to bind (default: $PARLEY_HOST, else 0.0.0.0).")
    String host;

    @Option(names = "--port", description = "Port to listen on, 0 for any free port (default: $PARLEY_PORT, else 9700).")
    Integer port;

    @Option(names = "--auth", description = "open, token or keys (default: $PARLEY_AUTH, else open on loopback, token otherwise).")
    String auth;

    @Option(names = "--open", description = "Same as --auth open: anyone, any name (trusted networks only).")
    boolean open;

    @Option(names = "--rate", description = "Frames per second per connection (default ${DEFAULT-VALUE}; 0 = unlimited).",
            defaultValue = "10000")
    double rate;

    @Option(names = "--allow-origin", paramLabel = "URL", description = "Another web origin (scheme://host[:port]) whose"
            + " pages may call this hub, with CORS; repeatable, added to $PARLEY_ALLOWED_ORIGINS.")
    List<String> allowOrigins = new ArrayList<>();

    @Option(names = "--allow-host", paramLabel = "NAME", description = "Another name this hub answers to in the Host"
            + " header (besides its addresses, localhost and the machine's names); repeatable, added to"
            + " $PARLEY_ALLOWED_HOSTS.")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--auth-timeout", description = "Seconds a socket may stay unauthenticated, and a new HTTP"
            + " connection may take to send its headers (default ${DEFAULT-VALUE}).", defaultValue = "10")
    double authTimeout;

    @Option(names = "--max-connections-per-address", description = "Sockets one remote address may hold"
            + " (default ${DEFAULT-VALUE}; loopback: --max-loopback-connections).", defaultValue = "1000")
    int connectionsPerAddress;

    @Option(names = "--max-unauthenticated-per-address", description = "Sockets one remote address may hold"
            + " before they authenticate (default ${DEFAULT-VALUE}).", defaultValue = "64")
    int unauthenticatedPerAddress;

    @Option(names = "--max-loopback-connections", description = "Both caps above for peers on this machine"
            + " (benchmarks, a reverse proxy; default ${DEFAULT-VALUE}).", defaultValue = "20000")
    int loopbackConnections;

    @Option(names = "--max-session-bytes", converter = ByteSize.class, paramLabel = "SIZE",
            description = "Bytes one connection's outbound queue may hold before it is closed as too slow "
                    + "(default 8m; k, m, g suffixes).")
    Long maxSessionBytes;

    @Option(names = "--max-outbound-bytes", converter = ByteSize.class, paramLabel = "SIZE",
            description = "Bytes all outbound queues together may hold; over it the connections holding the most "
                    + "are closed (default 192m).")
    Long maxOutboundBytes;

    @Option(names = "--max-write-queue-bytes", converter = ByteSize.class, paramLabel = "SIZE",
            description = "Bytes the writes waiting for the database may hold before new ones get 'overloaded' "
                    + "(default 64m).")
    Long maxWriteQueueBytes;

    @Option(names = "--max-attachment-bytes", converter = ByteSize.class, paramLabel = "SIZE",
            description = "Largest file one upload may carry; a bigger one is refused with 413 'too_large' "
                    + "(default 16m; k, m, g suffixes).")
    Long maxAttachmentBytes;

    @Option(names = "--ws-compression", description = "Accept permessage-deflate when a WebSocket client offers it"
            + " (browsers, Python websockets and Node ws do). Off by default: it saves LAN bandwidth nobody lacks and"
            + " costs the hub CPU on every frame for every receiver.")
    boolean wsCompression;

    @Option(names = "--loop-guard", paramLabel = "N", description = "Refuse agent sends in a channel after N agent"
            + " messages there with no human writing (default " + HubConfig.DEFAULT_LOOP_GUARD + "; 0: off); a human's"
            + " message or /continue lifts it. A channel may set its own N.")
    Integer loopGuard;

    @Option(names = "--quiet", description = "Print no welcome (chat and WebSocket URLs, CLI and MCP lines, how to"
            + " stop); a join code made at this start is still shown, once.")
    boolean quiet;

    public static void main(String[] args) {
        StartWarmUp.begin();
        String[] serveArgs = args.length > 0 && args[0].equals("serve")
                ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        System.exit(new CommandLine(new HubMain()).execute(serveArgs));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        HubConfig config;
        try {
            config = HubConfig.fromEnvironment(System.getenv()).withOverrides(db, host, port);
            config = config.withOrigins(config.origins().plus(allowOrigins, allowHosts));
            if (open) {
                config = config.withAuth(AuthMode.OPEN);
            } else if (auth != null) {
                config = config.withAuth(AuthMode.parse(auth));
            }
        } catch (IllegalArgumentException e) { // a flag or a PARLEY_ variable the hub cannot use
            err.println("parley: " + e.getMessage());
            err.println("Try '" + spec.qualifiedName() + " --help' for more information.");
            return ExitCode.USAGE.code();
        }
        Limits limits = Limits.DEFAULTS.withRate(rate, Math.max(rate * 2, 1))
                .withDeadlines(Math.round(authTimeout * 1000), Math.round(authTimeout * 1000))
                .withAddressCaps(unauthenticatedPerAddress, connectionsPerAddress, loopbackConnections);
        limits = limits.withOutboundBytes(maxSessionBytes != null ? maxSessionBytes : limits.maxSessionBytes(),
                        maxOutboundBytes != null ? maxOutboundBytes : limits.maxOutboundBytes())
                .withWriteQueueBytes(maxWriteQueueBytes != null ? maxWriteQueueBytes : limits.maxWriteQueueBytes())
                .withMaxAttachmentBytes(maxAttachmentBytes != null ? maxAttachmentBytes : limits.maxAttachmentBytes());
        config = config.withLimits(limits).withWsCompression(wsCompression);
        if (loopGuard != null) {
            config = config.withLoopGuard(loopGuard);
        }
        Hub hub;
        try {
            hub = Hub.start(config);
        } catch (HubLock.AlreadyRunningException e) {
            err.println("parley: " + e.getMessage());
            return ExitCode.HUB_RUNNING.code();
        } catch (PortUnavailableException e) {
            err.println("parley: " + e.getMessage() + (e.inUse() ? " - start with " + hubFlags("--port N")
                    + " (0: any free port)" : " - start with " + hubFlags("--host ADDRESS --port N")));
            return ExitCode.PORT_UNAVAILABLE.code();
        }
        welcome(hub, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            stopped.countDown();
        }, "parley-shutdown"));
        stopped.await();
        return ExitCode.OK.code();
    }

    /** Prints the {@link Welcome} once (with {@code --quiet}, only a join code this start made). */
    private void welcome(Hub hub, HubConfig config) {
        Welcome welcome = Welcome.of(config.host(), hub.port(), config.authMode(),
                hub.services().auth().hubToken().createdNow(), HubConfig.home(System.getenv()),
                ProcessHandle.current().pid());
        PrintWriter out = spec.commandLine().getOut();
        (quiet ? welcome.joinCode().stream().toList() : welcome.lines()).forEach(out::println);
        out.flush();
    }

    /**
     * How to give this hub other flags: {@code parley serve FLAGS} when the CLI runs this command, else the
     * bootstrap's {@code -- FLAGS} (its hub arguments follow {@code --}; scripts/run.sh takes the same).
     */
    private String hubFlags(String flags) {
        return "`" + (spec.name().startsWith("parley ") ? spec.name() : "--") + " " + flags + "`";
    }

    /** A size in bytes: {@code 1048576}, {@code 512k}, {@code 8m}, {@code 1g} (binary multiples). */
    static final class ByteSize implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            String value = text.strip().toLowerCase(java.util.Locale.ROOT);
            int shift = switch (value.isEmpty() ? ' ' : value.charAt(value.length() - 1)) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                default -> 0;
            };
            String digits = shift == 0 ? value : value.substring(0, value.length() - 1);
            long number;
            try {
                number = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("not a size: '" + text + "' (e.g. 65536, 512k, 8m, 1g)");
            }
            if (number < 1 || number > (Long.MAX_VALUE >> shift)) {
                throw new CommandLine.TypeConversionException("size out of range: '" + text + "'");
            }
            return number << shift;
        }
    }
}
