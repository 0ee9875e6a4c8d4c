package dev.parley.cli;

import picocli.CommandLine.Option;

/**
 * The flags every hub command takes, before or after the command's name ({@code parley --json send ...} and
 * {@code parley send --json ...} both work): the command's own value wins over its parents'.
 */
public final class GlobalOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--server", paramLabel = "URL", description = "Hub address: http(s)://host:port,"
            + " ws(s)://host:port[/ws], host:port or host (else $PARLEY_SERVER_URL, config server_url,"
            + " http://localhost:9700).")
    String server;

    @Option(names = "--name", paramLabel = "NAME", description = "Participant to act as (else $PARLEY_NAME, config name,"
            + " the OS user name).")
    String name;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Hub token, needed from other machines (else"
            + " $PARLEY_TOKEN, config token).")
    String token;

    @Option(names = "--key", paramLabel = "KEY", description = "Participant key for a claimed name (else $PARLEY_KEY,"
            + " config key).")
    String key;

    @Option(names = "--json", description = "Output for scripts: one JSON document (JSON lines for streams).")
    Boolean json;

    /** A command object that carries the global flags. */
    public interface Holder {
        GlobalOptions globals();
    }

    /** {@code --name}, or null. */
    public String name() {
        return name;
    }

    /** {@code --key}, or null. */
    public String key() {
        return key;
    }

    /** These flags, each unset one taken from {@code fallback}. */
    GlobalOptions over(GlobalOptions fallback) {
        GlobalOptions merged = new GlobalOptions();
        merged.server = server != null ? server : fallback.server;
        merged.name = name != null ? name : fallback.name;
        merged.token = token != null ? token : fallback.token;
        merged.key = key != null ? key : fallback.key;
        merged.json = json != null ? json : fallback.json;
        return merged;
    }
}
