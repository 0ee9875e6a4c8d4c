package dev.parley.server;

import dev.parley.server.auth.AuthMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    public static void main(String[] args) {
        String[] serveArgs = args.length > 0 && args[0].equals("serve")
                ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        System.exit(new CommandLine(new HubMain()).execute(serveArgs));
    }

    @Override
    public Integer call() throws Exception {
        HubConfig config = HubConfig.fromEnvironment(System.getenv()).withOverrides(db, host, port);
        config = config.withOrigins(config.origins().plus(allowOrigins, allowHosts));
        if (open) {
            config = config.withAuth(AuthMode.OPEN);
        } else if (auth != null) {
            config = config.withAuth(AuthMode.parse(auth));
        }
        Limits defaults = Limits.DEFAULTS;
        config = config.withLimits(new Limits(defaults.maxFrameChars(), defaults.maxBodyChars(),
                defaults.maxMetadataChars(), defaults.maxRequestBytes(), rate, Math.max(rate * 2, 1), defaults.outboundQueue())
                .withDeadlines(Math.round(authTimeout * 1000), Math.round(authTimeout * 1000))
                .withAddressCaps(unauthenticatedPerAddress, connectionsPerAddress, loopbackConnections));
        Hub hub;
        try {
            hub = Hub.start(config);
        } catch (HubLock.AlreadyRunningException e) {
            System.err.println("parley: " + e.getMessage());
            return 3;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            stopped.countDown();
        }, "parley-shutdown"));
        stopped.await();
        return 0;
    }
}
