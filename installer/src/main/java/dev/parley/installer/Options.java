package dev.parley.installer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The command line, parsed; every mistake is a {@link Exit#USAGE} failure. */
final class Options {
    enum Action { START, LIST, VERIFY, EXTRACT, UPGRADE, HELP }

    Action action = Action.START;
    String db;
    String target;
    String upgrade;
    boolean noRun;
    boolean force;
    boolean jbang;
    String trust;
    final List<String> passThrough = new ArrayList<>();

    static Options parse(String[] args) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                options.passThrough.addAll(Arrays.asList(args).subList(i + 1, args.length));
                break;
            }
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            String inline = name.equals(arg) ? null : arg.substring(equals + 1);
            boolean takesValue = Set.of("--db", "--target", "--upgrade", "--trust").contains(name);
            if (inline != null && !takesValue) {
                throw usageError(name + " takes no value");
            }
            String value = null;
            if (takesValue) {
                if (inline == null && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
                    throw usageError(name + " needs a value");
                }
                value = inline != null ? inline : args[++i];
            }
            switch (name) {
                case "--db" -> options.db = value;
                case "--target" -> options.target = value;
                case "--upgrade" -> {
                    options.upgrade = value;
                    options.set(Action.UPGRADE, name);
                }
                case "--list" -> options.set(Action.LIST, name);
                case "--verify" -> options.set(Action.VERIFY, name);
                case "--extract" -> options.set(Action.EXTRACT, name);
                case "--help", "-h" -> options.set(Action.HELP, name);
                case "--no-run" -> options.noRun = true;
                case "--force" -> options.force = true;
                case "--trust" -> options.trust = value;
                case "--jbang" -> options.jbang = true;
                default -> throw usageError(arg.startsWith("-") ? "unknown option " + arg
                        : "unexpected argument '" + arg + "' (hub arguments go after --)");
            }
        }
        options.checkCombinations();
        return options;
    }

    private void set(Action wanted, String flag) {
        if (action != Action.START && action != wanted) {
            throw usageError(flag + " cannot be combined with --" + action.name().toLowerCase(Locale.ROOT));
        }
        action = wanted;
    }

    private void checkCombinations() {
        if (action == Action.HELP) {
            return;
        }
        if (target != null && action != Action.EXTRACT) {
            throw usageError("--target only goes with --extract");
        }
        if (force && action != Action.UPGRADE) {
            throw usageError("--force only goes with --upgrade");
        }
        if (trust != null && action != Action.UPGRADE) {
            throw usageError("--trust only goes with --upgrade");
        }
        if (db != null && action == Action.UPGRADE) {
            throw usageError("--upgrade works on the live database; set PARLEY_DB to upgrade another one");
        }
        if (action != Action.START && (noRun || jbang || !passThrough.isEmpty())) {
            throw usageError("--no-run, --jbang and hub arguments only go with starting the hub");
        }
    }

    private static Failure usageError(String message) { return new Failure(Exit.USAGE, message + " (see --help)"); }
}
