package dev.parley.cli.commands;

import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.ParleyCli;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * A {@code parley} command that hands its arguments to a picocli command of another module ({@code serve},
 * {@code bench}, {@code mcp}), which parses them itself and writes to the CLI's streams. Commands named by class
 * are loaded only when used, so the CLI starts without them and works in a build that leaves one out.
 */
abstract class DelegatingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Everything after the command's name, for the delegate to parse. */
    @Unmatched
    List<String> args;

    /** The root command: streams and environment. */
    protected ParleyCli cli() {
        return (ParleyCli) spec.root().userObject();
    }

    /** The command class, when this build has it. */
    protected static Optional<Class<?>> find(String className) {
        try {
            return Optional.of(Class.forName(className));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** A new instance of a command class through its public no-argument constructor. */
    protected static Object instantiate(Class<?> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new CliException(Exit.UNEXPECTED, "cannot start " + type.getName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new CliException(Exit.UNEXPECTED, "cannot start " + type.getName() + ": " + e, e);
        }
    }

    /**
     * Runs {@code command} as {@code parley <name> args...} and returns its exit code. {@code defaults} (option →
     * value, null values skipped) are added for each option the command declares and the arguments do not give,
     * so that delegates follow the CLI's configuration (flags, environment, config file) too.
     */
    protected int delegate(Object command, Map<String, String> defaults) {
        CommandLine line = new CommandLine(command);
        List<String> given = args == null ? List.of() : args;
        List<String> full = new ArrayList<>();
        if (!given.contains("--help") && !given.contains("-h")) {
            defaults.forEach((option, value) -> {
                boolean declared = line.getCommandSpec().findOption(option) != null;
                boolean present = given.stream().anyMatch(a -> a.equals(option) || a.startsWith(option + "="));
                if (declared && !present && value != null) {
                    full.add(option + "=" + value);
                }
            });
        }
        full.addAll(given);
        line.setCommandName("parley " + spec.name());
        line.setOut(new PrintWriter(cli().terminal().out(), true));
        line.setErr(new PrintWriter(cli().terminal().err(), true));
        line.setColorScheme(CommandLine.Help.defaultColorScheme(cli().terminal().style().on()
                ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        line.setExecutionExceptionHandler((failure, failed, parsed) -> ParleyCli.failed(failure, cli().terminal(),
                cli().env()));
        return line.execute(full.toArray(String[]::new));
    }
}
