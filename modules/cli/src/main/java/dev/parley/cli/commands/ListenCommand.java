package dev.parley.cli.commands;

import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.HubCommand;
import dev.parley.cli.Settings;
import dev.parley.cli.output.MessageView;
import dev.parley.client.ConnectionEvent;
import dev.parley.client.ConnectionState;
import dev.parley.client.Message;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyException;
import dev.parley.protocol.wire.WireMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley listen}: prints messages for you as they arrive (what was pending first) until Ctrl-C; one JSON
 * line each with {@code --json}. Built on {@link ParleyClient}, so a lost connection is resumed without gaps or
 * duplicates, and a message counts as delivered only once it was printed.
 */
@Command(name = "listen", sortOptions = false,
        description = "Print messages as they arrive (pending ones first) until Ctrl-C.")
public final class ListenCommand extends HubCommand {
    @Parameters(arity = "0..*", paramLabel = "CHANNEL", description = "Only these channels (names or ids);"
            + " messages of other channels are skipped.")
    List<String> channels;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N messages.")
    Integer count;

    @Override
    protected void run() throws Exception {
        if (count != null) {
            Limits.check("--count", count, Integer.MAX_VALUE);
        }
        Settings s = settings();
        quietClientLogs();
        ParleyClient client = ParleyClient.builder().serverUrl(s.serverUrl()).name(s.name()).participantType(null)
                .token(s.token()).key(s.key()).connectTimeout(CONNECT_TIMEOUT).build();
        AtomicBoolean connected = new AtomicBoolean();
        AtomicBoolean closing = new AtomicBoolean();
        client.on(ConnectionEvent.class, event -> announce(event, connected.get() && !closing.get()));
        try {
            client.connect();
        } catch (ParleyException e) {
            client.close();
            throw e;
        }
        connected.set(true);
        // Ctrl-C: close, so that the acks of what was printed reach the hub.
        Thread closer = new Thread(() -> {
            closing.set(true);
            client.close();
        }, "parley-listen-close");
        Runtime.getRuntime().addShutdownHook(closer);
        err().println(style().dim("listening as " + s.name() + " on " + s.serverUrl() + " (Ctrl-C to stop)"));
        Set<String> only = channels == null ? Set.of() : Set.copyOf(channels);
        int printed = 0;
        while (count == null || printed < count) {
            Message message = client.next(Duration.ofSeconds(1));
            if (message == null) {
                if (client.state() == ConnectionState.CLOSED) {
                    throw new CliException(Exit.REFUSED, "the hub refused " + s.name() + " on reconnect");
                }
                continue;
            }
            if (only.isEmpty() || only.contains(message.channelName()) || only.contains(message.channelId())) {
                print(message);
                printed++;
            }
        }
        Runtime.getRuntime().removeShutdownHook(closer);
        closing.set(true);
        client.close();
    }

    /** Prints a message in the hub's JSON shape (as {@code list --json} and {@code export} do), or as a line. */
    private void print(Message message) throws IOException {
        WireMessage wire = message.toWire();
        out().println(json() ? wire.toJson() : MessageView.line(wire, style()));
        out().flush();
    }

    private void announce(ConnectionEvent event, boolean wasConnected) {
        if (!wasConnected) {
            return; // the first connect reports through connect() itself
        }
        switch (event.state()) {
            case RECONNECTING -> err().println(style().dim("connection lost" + (event.detail() == null ? ""
                    : " (" + event.detail() + ")") + "; reconnecting, attempt " + (event.attempt() + 1)));
            case CONNECTED -> err().println(style().dim("reconnected; nothing missed"));
            case CLOSED -> err().println(style().red("closed" + (event.detail() == null ? "" : ": " + event.detail())));
            default -> { }
        }
    }

    /** The client logs through SLF4J; a person watching a stream wants messages, not connection chatter. */
    private static void quietClientLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }
}
