package dev.parley.installer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Stage 2 of the bootstrap: everything after stage 1 ({@code Bootstrap.java}) has checked this installer's sources
 * against the database's signed manifest and built them. Verifies, installs, extracts, compiles, writes the
 * launchers, lists, upgrades, and runs the hub (in this JVM), all with SQL through the database's own sqlite-jdbc.
 */
public final class Installer {
    private Installer() {}

    /**
     * Called by stage 1 through the installer's class loader.
     *
     * @param handover what stage 1 found: {@code cwd}, {@code user.home}, {@code os.name}, {@code database} (the
     *                 file whose installer this is), {@code manifest} (its signed text, checked), {@code signer},
     *                 {@code installer} (this build's folder); when the live database's installer hands over to
     *                 NEW.db's for --upgrade, also {@code upgrade_source} (the file the user named; {@code database}
     *                 is then the private copy of it that was verified)
     * @return the exit code: one of {@link Exit}, or the hub's own
     */
    public static int run(String[] args, Map<String, String> variables, Map<String, String> handover,
            PrintStream out, PrintStream err) {
        Environment env = new Environment(Path.of(handover.get("cwd")), variables, handover.get("os.name"),
                handover.get("user.home"), out, err);
        try {
            Options options = Options.parse(args);
            return switch (options.action) {
                case HELP -> {
                    out.print(usage());
                    yield Exit.OK.code;
                }
                case LIST -> list(options, env);
                case VERIFY -> verify(options, env);
                case EXTRACT -> extract(options, env);
                case UPGRADE -> handover.get("upgrade_source") == null
                        ? Upgrader.handOver(options, env, args, handover) // this is the live database's installer
                        : markedCurrent(handover, Upgrader.upgrade(options, env, Path.of(handover.get("database"))));
                case START -> {
                    markedCurrent(handover, Exit.OK.code);
                    yield Start.run(options, env, handover.get("manifest"));
                }
            };
        } catch (Failure failure) {
            err.println("parley-bootstrap: " + oneLine(failure.getMessage()));
            return failure.exit.code;
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            err.println("parley-bootstrap: unexpected error: " + oneLine(e.toString())
                    + " (set PARLEY_DEBUG=1 for details)");
            if (env.variable("PARLEY_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return Exit.UNEXPECTED.code;
        }
    }

    /** A start (stage 1 runs the live database's installer, or the template's it installs) or a successful upgrade. */
    private static int markedCurrent(Map<String, String> handover, int code) {
        if (code == Exit.OK.code && handover.get("installer") != null) {
            InstallerBuild.markCurrent(Path.of(handover.get("installer")));
        }
        return code;
    }

    static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ");
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: java Bootstrap.java [options] [-- hub arguments]

                Installs a Parley database (a template) as the live database, verifies and builds the code it
                carries, writes the launchers bin/parley and bin/parley.cmd, and starts the hub on it, in this
                process. Bootstrap.java (stage 1) checks and builds this installer (stage 2) from the database.

                  --db FILE          the template or database to use (default: ./parley.db, ./parley-template.db)
                  --list             show the metadata, signer, modules and libraries in the database
                  --verify           check every packed file's sha256 and size, the build hash and the signature
                  --extract          write the verified sources to --target DIR, without building
                  --target DIR       where --extract writes (default: ./parley-src)
                  --no-run           install and build, but do not start the hub
                  --upgrade NEW.db   swap in NEW.db's code and schema steps, keeping every runtime row
                  --force            with --upgrade: allow a downgrade
                  --trust SIGNER     with --upgrade: accept NEW.db's signer (ed25519:...) and pin it
                  --jbang            build and run through JBang instead of javax.tools
                  --help             this text
                  -- ARGS            everything after -- goes to the hub, e.g. -- --port 9800

                Environment: PARLEY_HOME (default ~/.parley), PARLEY_DB (default $PARLEY_HOME/parley.db),
                  PARLEY_WORKSPACE (builds; default $PARLEY_HOME/workspace),
                  PARLEY_MAVEN_REPO (jars of lean templates; default ~/.m2/repository), PARLEY_JBANG (jbang command).

                Exit codes:
                """);
        for (Exit exit : Exit.values()) {
            text.append(String.format("  %d  %s%n", exit.code, exit.meaning));
        }
        return text.append("  a running hub's own exit code passes through\n").toString();
    }

    private static int list(Options options, Environment env) throws IOException {
        Template template = Template.open(Databases.locate(options, env, Home.of(env)).inspected());
        PrintStream out = env.out();
        String signer = template.signer(); // refuses a signature that does not match, before anything is shown
        out.println(template.shown);
        template.metadata.forEach((key, value) -> {
            if (!Signature.ROWS.contains(key)) {
                out.printf("  %-20s %s%n", key, value);
            }
        });
        out.printf("  %-20s %s%n", "signer", signer);
        Map<String, TreeSet<String>> kinds = new TreeMap<>();
        Map<String, long[]> counts = new TreeMap<>();
        for (PackedFile file : template.files) {
            kinds.computeIfAbsent(file.module(), m -> new TreeSet<>()).add(file.kind());
            long[] count = counts.computeIfAbsent(file.module(), m -> new long[2]);
            count[0]++;
            count[1] += file.size();
        }
        out.println("modules:");
        counts.forEach((module, count) -> out.printf("  %-22s %-18s %5d files %,13d bytes  %s%n", module,
                String.join("+", kinds.get(module)), count[0], count[1],
                template.descriptions.getOrDefault(module, "")));
        out.println("libraries:");
        Set<String> packed = template.files.stream().map(PackedFile::path).collect(Collectors.toSet());
        for (Library library : template.libraries) {
            out.printf("  %-52s %,13d bytes  %s%n", library.coordinates(), library.size(),
                    packed.contains(library.path()) ? "packed" : "not packed (lean)");
        }
        return Exit.OK.code;
    }

    private static int verify(Options options, Environment env) throws IOException {
        Template template = Template.open(Databases.locate(options, env, Home.of(env)).inspected());
        Map<String, byte[]> contents = template.verify();
        long lean = template.libraries.stream().filter(library -> !contents.containsKey(library.path())).count();
        long files = template.files.stream().filter(file -> !"library".equals(file.kind())).count();
        env.out().println("OK " + template.shown + ": " + files + " files and "
                + (template.libraries.size() - lean) + " libraries match their sha256, build " + template.buildHash()
                + ", signer " + template.signer()
                + (lean > 0 ? "; " + lean + " libraries are not packed (lean) and are checked when building" : ""));
        return Exit.OK.code;
    }

    private static int extract(Options options, Environment env) throws IOException {
        Template template = Template.open(Databases.locate(options, env, Home.of(env)).inspected());
        Path target = env.cwd().resolve(options.target != null ? options.target : "parley-src").normalize();
        Map<String, byte[]> contents = template.verify(); // checks every path before anything is written
        for (Map.Entry<String, byte[]> file : contents.entrySet()) {
            PathSafety.writeBelow(target, file.getKey(), file.getValue());
        }
        env.out().println("extracted " + contents.size() + " verified files to " + target);
        return Exit.OK.code;
    }
}
