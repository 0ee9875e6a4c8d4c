package dev.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.hub.HubErrors;
import dev.parley.cli.output.Style;
import dev.parley.cli.output.Terminal;
import dev.parley.client.HubHttp;
import dev.parley.client.ParleyException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code parley} command that acts as a participant shares: the global flags, the resolved
 * {@link Settings}, the hub's REST API, and human or JSON output. A command implements {@link #run()} and fails
 * by throwing {@link CliException}; a failure of the client library ({@link ParleyException}) becomes one here.
 */
public abstract class HubCommand implements Callable<Integer>, GlobalOptions.Holder {
    /** How long opening a connection to the hub may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long one answer of the hub may take. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    @Spec
    protected CommandSpec spec;

    @Mixin
    GlobalOptions globals = new GlobalOptions();

    private Settings settings;
    private HubHttp hub;

    @Override
    public GlobalOptions globals() {
        return globals;
    }

    @Override
    public final Integer call() throws Exception {
        try {
            run();
        } catch (ParleyException e) {
            throw HubErrors.of(settings().serverUrl(), e);
        }
        return Exit.OK.code();
    }

    /** Does the command's work; output through {@link #out()}, failures as {@link CliException}. */
    protected abstract void run() throws Exception;

    /** The settings: this command's flags over its parents' flags, then environment, config file, defaults. */
    protected Settings settings() {
        if (settings == null) {
            settings = Settings.resolve(flags(), env());
        }
        return settings;
    }

    /** The global flags as given: this command's, else its parents'. */
    protected GlobalOptions flags() {
        GlobalOptions flags = globals;
        for (CommandSpec parent = spec.parent(); parent != null; parent = parent.parent()) {
            if (parent.userObject() instanceof GlobalOptions.Holder holder) {
                flags = flags.over(holder.globals());
            }
        }
        return flags;
    }

    /** The hub's REST API at the configured address, as the configured participant, with its credentials. */
    protected HubHttp hub() {
        if (hub == null) {
            Settings s = settings();
            hub = HubHttp.of(s.hub(), s.name(), s.token(), s.key(), CONNECT_TIMEOUT, ANSWER_TIMEOUT);
        }
        return hub;
    }

    /** True for {@code --json}. */
    protected boolean json() {
        return settings().json();
    }

    protected Terminal terminal() {
        return cli().terminal();
    }

    protected PrintStream out() {
        return terminal().out();
    }

    protected PrintStream err() {
        return terminal().err();
    }

    protected Style style() {
        return terminal().style();
    }

    /** Columns human output may use. */
    protected int width() {
        return terminal().width(env());
    }

    protected Map<String, String> env() {
        return cli().env();
    }

    protected Instant now() {
        return Instant.now();
    }

    /** Prints one JSON document: indented for a person, one line for a pipe. */
    protected void printJson(JsonNode document) throws Exception {
        out().println(terminal().interactive()
                ? JsonText.write(document, true)
                : JsonText.write(document));
    }

    /** Prints one JSON line (streams: listen, export). */
    protected void printJsonLine(JsonNode document) throws Exception {
        out().println(JsonText.write(document));
    }

    private ParleyCli cli() {
        return (ParleyCli) spec.root().userObject();
    }
}
