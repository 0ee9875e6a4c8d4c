package dev.parley.cli;

import dev.parley.cli.commands.AckAllCommand;
import dev.parley.cli.commands.AckCommand;
import dev.parley.cli.commands.AdminCommand;
import dev.parley.cli.commands.AgentsCommand;
import dev.parley.cli.commands.AnswerCommand;
import dev.parley.cli.commands.BackupCommand;
import dev.parley.cli.commands.BenchDelegate;
import dev.parley.cli.commands.ChannelsCommand;
import dev.parley.cli.commands.ClaimCommand;
import dev.parley.cli.commands.ClaimsCommand;
import dev.parley.cli.commands.DmCommand;
import dev.parley.cli.commands.DownloadCommand;
import dev.parley.cli.commands.ExportCommand;
import dev.parley.cli.commands.HistoryCommand;
import dev.parley.cli.commands.InviteCommand;
import dev.parley.cli.commands.JoinCommand;
import dev.parley.cli.commands.KeysCommand;
import dev.parley.cli.commands.ListCommand;
import dev.parley.cli.commands.ListenCommand;
import dev.parley.cli.commands.MarkReadCommand;
import dev.parley.cli.commands.McpDelegate;
import dev.parley.cli.commands.ParticipantsCommand;
import dev.parley.cli.commands.PendingCommand;
import dev.parley.cli.commands.PresenceCommand;
import dev.parley.cli.commands.ProfileCommand;
import dev.parley.cli.commands.PruneCommand;
import dev.parley.cli.commands.RegisterCommand;
import dev.parley.cli.commands.ReleaseCommand;
import dev.parley.cli.commands.SearchCommand;
import dev.parley.cli.commands.SendCommand;
import dev.parley.cli.commands.ServeCommand;
import dev.parley.cli.commands.StatusCommand;
import dev.parley.cli.commands.TemplateCommand;
import dev.parley.cli.output.Terminal;
import dev.parley.server.StartWarmUp;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code parley}: the command line of a Parley hub. One class per command under {@code commands}; this class only
 * wires them, maps failures to {@link Exit} codes, and keeps stack traces away from users.
 *
 * <pre>parley send general "build 812 is green"</pre>
 */
@Command(name = "parley", sortOptions = false, usageHelpAutoWidth = true,
        description = "Talk to a Parley hub: messages, channels, presence; and run, back up and export one.")
public final class ParleyCli implements Callable<Integer>, GlobalOptions.Holder {
    /** Every command, in the order help lists them. */
    private static final Map<String, Class<?>> COMMANDS = commands();

    /** Root flags that take a value, skipped when looking for the command's name. */
    private static final Set<String> VALUE_FLAGS = Set.of("--server", "--name", "--token", "--key");

    @Mixin
    GlobalOptions globals = new GlobalOptions();

    private final Terminal terminal;
    private final Map<String, String> env;

    public ParleyCli(Terminal terminal, Map<String, String> env) {
        this.terminal = terminal;
        this.env = env;
    }

    /** Runs one command and exits with its code. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            StartWarmUp.begin(); // on the other core, while picocli parses and the store opens
        }
        Map<String, String> env = System.getenv();
        Terminal terminal = Terminal.system(env);
        int code = run(args, terminal, env);
        terminal.flush();
        System.exit(code);
    }

    /** Runs one command with these streams and this environment; returns the exit code. */
    public static int run(String[] args, Terminal terminal, Map<String, String> env) {
        CommandLine cli = new CommandLine(new ParleyCli(terminal, env));
        addCommands(cli, args);
        cli.setOut(new PrintWriter(terminal.out(), true));
        cli.setErr(new PrintWriter(terminal.err(), true));
        cli.setColorScheme(Help.defaultColorScheme(terminal.style().on() ? Help.Ansi.ON : Help.Ansi.OFF));
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> footer());
        cli.setExecutionExceptionHandler((failure, command, parsed) -> failed(failure, terminal, env));
        cli.setParameterExceptionHandler(ParleyCli::usageError);
        return cli.execute(args);
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("send", SendCommand.class);
        commands.put("dm", DmCommand.class);
        commands.put("list", ListCommand.class);
        commands.put("listen", ListenCommand.class);
        commands.put("pending", PendingCommand.class);
        commands.put("ack", AckCommand.class);
        commands.put("ack-all", AckAllCommand.class);
        commands.put("channels", ChannelsCommand.class);
        commands.put("presence", PresenceCommand.class);
        commands.put("participants", ParticipantsCommand.class);
        commands.put("status", StatusCommand.class);
        commands.put("search", SearchCommand.class);
        commands.put("history", HistoryCommand.class);
        commands.put("download", DownloadCommand.class);
        commands.put("claim", ClaimCommand.class);
        commands.put("release", ReleaseCommand.class);
        commands.put("claims", ClaimsCommand.class);
        commands.put("answer", AnswerCommand.class);
        commands.put("profile", ProfileCommand.class);
        commands.put("agents", AgentsCommand.class);
        commands.put("mark-read", MarkReadCommand.class);
        commands.put("register", RegisterCommand.class);
        commands.put("invite", InviteCommand.class);
        commands.put("join", JoinCommand.class);
        commands.put("keys", KeysCommand.class);
        commands.put("admin", AdminCommand.class);
        commands.put("backup", BackupCommand.class);
        commands.put("export", ExportCommand.class);
        commands.put("template", TemplateCommand.class);
        commands.put("prune", PruneCommand.class);
        commands.put("bench", BenchDelegate.class);
        commands.put("serve", ServeCommand.class);
        commands.put("mcp", McpDelegate.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return commands;
    }

    /** Every command name and class, in help order (for tests of the wiring). */
    static Map<String, Class<?>> commandClasses() {
        return COMMANDS;
    }

    /**
     * Registers the one command the arguments name, or all of them (for help, suggestions, and errors).
     * Picocli builds a model of every registered command up front, by reflection; a JVM is started per
     * command, so building 25 models to run one was a third of a {@code parley send}.
     */
    private static void addCommands(CommandLine cli, String[] args) {
        String named = null;
        for (int i = 0; i < args.length; i++) {
            if (VALUE_FLAGS.contains(args[i])) {
                i++;
            } else if (!args[i].startsWith("-")) {
                named = args[i];
                break;
            }
        }
        boolean one = named != null && COMMANDS.containsKey(named) && !named.equals("help");
        for (Map.Entry<String, Class<?>> command : COMMANDS.entrySet()) {
            if (!one || command.getKey().equals(named)) {
                cli.addSubcommand(command.getKey(), command.getValue());
            }
        }
    }

    @Override
    public GlobalOptions globals() {
        return globals;
    }

    /** The streams commands write to. */
    public Terminal terminal() {
        return terminal;
    }

    /** The environment settings are read from. */
    public Map<String, String> env() {
        return env;
    }

    /** {@code parley} alone: the usage, as an error. */
    @Override
    public Integer call() {
        CommandLine.usage(this, terminal.err(), terminal.style().on() ? Help.Ansi.ON : Help.Ansi.OFF);
        return Exit.USAGE.code();
    }

    /**
     * The one place a command's failure becomes what the user sees: one line on stderr (a stack trace only with
     * {@code PARLEY_DEBUG}) and the exit code; delegated commands ({@code serve}, {@code bench}) use it too.
     */
    public static int failed(Exception failure, Terminal terminal, Map<String, String> env) {
        if (failure instanceof CliException expected) {
            terminal.err().println(terminal.style().red("parley: ") + expected.getMessage());
            if (env.containsKey("PARLEY_DEBUG") && expected.getCause() != null) {
                expected.getCause().printStackTrace(terminal.err());
            }
            return expected.exit().code();
        }
        terminal.err().println(terminal.style().red("parley: unexpected error: ") + failure);
        if (env.containsKey("PARLEY_DEBUG")) {
            failure.printStackTrace(terminal.err());
        } else {
            terminal.err().println("(set PARLEY_DEBUG=1 to see the stack trace)");
        }
        return Exit.UNEXPECTED.code();
    }

    private static int usageError(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("parley: " + failure.getMessage());
        if (failure instanceof UnmatchedArgumentException unmatched) {
            UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return Exit.USAGE.code();
    }

    private static String footer() {
        StringBuilder text = new StringBuilder("\nConfiguration, first found wins:\n")
                .append("  1. flags            --server --name --token --key\n")
                .append("  2. environment      PARLEY_SERVER_URL PARLEY_NAME PARLEY_TOKEN PARLEY_KEY\n")
                .append("  3. config file      $PARLEY_HOME/config.properties: server_url name token key")
                .append(" (written by `parley join`)\n")
                .append("  4. defaults         http://localhost:9700, the OS user name\n")
                .append("  PARLEY_HOME (default ~/.parley) holds the config file, the hub database")
                .append(" (PARLEY_DB overrides) and backups/.\n")
                .append("  NO_COLOR turns colors off; PARLEY_DEBUG=1 shows stack traces.\n")
                .append("\nExit codes:\n");
        for (Exit exit : Exit.values()) {
            text.append(String.format("  %-3d%s%n", exit.code(), exit.meaning()));
        }
        return text.toString();
    }
}
