// Bootstrap.java: turns a Parley database file back into a running hub, with nothing but a JDK 17+.
//
// Why this is one large file: a user pulls exactly this file out of parley.db with one sqlite3 command and runs it
// with `java Bootstrap.java`; the JDK's source launcher runs a single file, and nothing else (no jar, no sqlite3
// binary, no network) may be needed. So each part is a small nested class with one job, roughly in the order a
// start goes through them:
//
//   Options, Home, Databases       what the user asked for, and where the files are
//   SqliteFile, Wal, TableSchema   a read-only reader of the SQLite file format, correct after a crash (-wal)
//   Template, PathSafety           the packed files: read, verify (sha256, sizes, build hash, safe paths)
//   Manifest, Signature            what the template's Ed25519 signature covers, and who signed it
//   Workspace, Compiler, JBang     extract and compile once per build hash, cached
//   LauncherScripts, Launcher      bin/parley, bin/parley.cmd, and the hub's JVM
//   Upgrader, HubLock              --upgrade: swap the packed tables with the new template's sqlite-jdbc driver
//   Semver                         version order for --upgrade and the "newer template here" hint
//
// No package declaration, on purpose: since JDK 22 (JEP 458) `java Bootstrap.java` refuses a file whose package
// does not match the folders it sits in, and users run it from a plain folder. Its tests are in the unnamed
// package too (bootstrap/src/test/java/Bootstrap*Test.java).

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Installs, verifies, builds and starts Parley from its one database file, using nothing but the JDK.
 *
 * <pre>
 * sqlite3 parley.db "SELECT source_code FROM code_modules WHERE module_name='bootstrap'" &gt; Bootstrap.java
 * java Bootstrap.java                      # install ./parley.db as ~/.parley/parley.db, build, start the hub
 * java Bootstrap.java -- --port 9800       # everything after -- goes to the hub
 * java Bootstrap.java --upgrade new.db     # swap in a newer template's code, keeping every runtime row
 * </pre>
 *
 * <p>See {@code --help} for every option and the exit codes.
 */
public final class Bootstrap {
    private Bootstrap() {}

    /**
     * Exit codes; {@code --help} lists them. A launched hub's own exit code passes through, and means the same: these
     * are rows 0 to 8 of the one table of every Parley program ({@code dev.parley.protocol.ExitCode}, README "Exit
     * codes"), repeated here because the bootstrap imports nothing of ours; BootstrapExitCodesTest keeps them equal.
     */
    enum Exit {
        OK(0, "ok"),
        UNEXPECTED(1, "unexpected error"),
        USAGE(2, "usage error"),
        NO_DATABASE(3, "no database, or not a valid Parley database"),
        VERIFICATION_FAILED(4, "verification failed (tampered content or an unsafe path)"),
        COMPILE_FAILED(5, "compilation failed, or no way to compile (a JRE without JBang)"),
        HUB_RUNNING(6, "a hub is running on the database"),
        DOWNGRADE_REFUSED(7, "downgrade refused (--force overrides)"),
        MISSING_LIBRARY(8, "a library is neither packed nor in the local Maven repository (lean template)");

        final int code;
        final String meaning;

        Exit(int code, String meaning) {
            this.code = code;
            this.meaning = meaning;
        }
    }

    /** A failure the user can act on: one line on stderr and an exit code, never a stack trace. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Exit exit;

        Failure(Exit exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    /**
     * What the bootstrap sees of the world, so tests can run it in-process with their own folders and streams.
     *
     * @param cwd       the current directory; relative paths resolve against it
     * @param variables environment variables (PARLEY_HOME, PARLEY_DB, PARLEY_WORKSPACE, PARLEY_MAVEN_REPO,
     *                  PARLEY_JBANG, PATH)
     * @param osName    the {@code os.name} system property
     * @param userHome  the {@code user.home} system property
     */
    public record Environment(Path cwd, Map<String, String> variables, String osName, String userHome,
                              PrintStream out, PrintStream err) {
        /** The real process environment. */
        public static Environment current() {
            return new Environment(Path.of("").toAbsolutePath(), System.getenv(), System.getProperty("os.name"),
                    System.getProperty("user.home"), System.out, System.err);
        }

        String variable(String name) {
            String value = variables.get(name);
            return value == null || value.isBlank() ? null : value;
        }

        boolean windows() { return osName.toLowerCase(Locale.ROOT).startsWith("windows"); }
    }

    /** Runs the bootstrap and exits with its exit code (or the hub's). */
    public static void main(String[] args) {
        System.exit(run(args, Environment.current()));
    }

    /**
     * Runs the bootstrap in this JVM without exiting it.
     *
     * @return the exit code: one of {@link Exit}, or the launched hub's own
     */
    public static int run(String[] args, Environment env) {
        try {
            Options options = Options.parse(args);
            return switch (options.action) {
                case HELP -> {
                    env.out().print(usage());
                    yield Exit.OK.code;
                }
                case LIST -> list(options, env);
                case VERIFY -> verify(options, env);
                case EXTRACT -> extract(options, env);
                case UPGRADE -> Upgrader.upgrade(options, env);
                case START -> start(options, env);
            };
        } catch (Failure failure) {
            env.err().println("parley-bootstrap: " + oneLine(failure.getMessage()));
            return failure.exit.code;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            env.err().println("parley-bootstrap: unexpected error: " + oneLine(e.toString())
                    + " (set PARLEY_DEBUG=1 for details)");
            if (env.variable("PARLEY_DEBUG") != null) {
                e.printStackTrace(env.err());
            }
            return Exit.UNEXPECTED.code;
        }
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: java Bootstrap.java [options] [-- hub arguments]

                Installs a Parley database (a template) as the live database, verifies and builds the code it
                carries, writes the launchers bin/parley and bin/parley.cmd, and starts the hub on it.

                  --db FILE          the template or database to use (default: ./parley.db, ./parley-template.db)
                  --list             show the metadata, signer, modules and libraries in the database
                  --verify           check every packed file's sha256 and size, the build hash and the signature
                  --extract          write the verified sources to --target DIR, without building
                  --target DIR       where --extract writes (default: ./parley-src)
                  --no-run           install and build, but do not start the hub
                  --upgrade NEW.db   swap in NEW.db's code and schema steps, keeping every runtime row
                  --force            with --upgrade: allow a downgrade
                  --trust SIGNER     with --upgrade: accept NEW.db's signer (ed25519:..., or unsigned) and pin it
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

    // ---------------------------------------------------------------------------------------------------------
    // Commands

    private static int start(Options options, Environment env) throws IOException, InterruptedException {
        Home home = Home.of(env);
        Databases databases = Databases.locate(options, env, home);
        Path live = databases.live();
        Template template;
        Map<String, byte[]> verified = null;
        if (!Files.exists(live)) {
            if (databases.source() == null) {
                throw new Failure(Exit.NO_DATABASE, "no database: " + live + " does not exist and there is no "
                        + "parley.db or parley-template.db here; pass --db TEMPLATE.db");
            }
            template = Template.open(databases.source());
            verified = template.verify(); // a tampered template never becomes the live database
            Databases.install(databases.source(), live);
            env.out().println("installed " + databases.source() + " as " + live);
        } else {
            template = Template.open(live);
            if (databases.source() != null) {
                mentionTemplateLeftAlone(databases.source(), live, template, env);
            }
        }
        boolean noCompiler = ToolProvider.getSystemJavaCompiler() == null;
        if (options.jbang || noCompiler && JBang.command(env) != null) {
            if (!options.jbang) {
                env.out().println("this Java has no compiler; building through JBang instead");
            }
            String jbang = JBang.command(env);
            if (jbang == null) {
                throw new Failure(Exit.COMPILE_FAILED, "--jbang: no jbang on the PATH (set PARLEY_JBANG to its path)");
            }
            Build build = new Workspace(home, env).prepare(template, verified, true);
            if (options.noRun) {
                env.out().println("ready: " + build.jbangScript() + " (start it with java Bootstrap.java --jbang)");
                return Exit.OK.code;
            }
            HubLock.refuseIfHeld(live);
            List<String> command = new ArrayList<>(List.of(jbang, build.jbangScript().toString(), "--db",
                    live.toString()));
            command.addAll(options.passThrough);
            return Launcher.run(command, home, env);
        }
        Build build = new Workspace(home, env).prepare(template, verified, false);
        LauncherScripts.write(home, build, env);
        if (options.noRun) {
            env.out().println("ready: build " + hash12(build.hash()) + " in " + build.dir()
                    + "; start the hub with: java Bootstrap.java");
            return Exit.OK.code;
        }
        HubLock.refuseIfHeld(live);
        List<String> command = Launcher.javaCommand(build, build.mainClass());
        command.addAll(List.of("--db", live.toString()));
        command.addAll(options.passThrough);
        env.out().println("starting Parley " + template.version() + " (build " + hash12(build.hash()) + ") on " + live);
        return Launcher.run(command, home, env);
    }

    /** The live database exists and a template was given too: never overwrite, but say so and hint at --upgrade. */
    private static void mentionTemplateLeftAlone(Path source, Path live, Template current, Environment env) {
        env.err().println("parley-bootstrap: serving the installed database " + live + "; " + source
                + " is left alone (an installed database is never overwritten)");
        try {
            Template offered = Template.open(source);
            int order = Semver.compare(offered.version(), current.version());
            if (order > 0 || order == 0 && !offered.buildHash().equals(current.buildHash())) {
                env.err().println("parley-bootstrap: " + source + " holds " + offered.version() + " (build "
                        + hash12(offered.buildHash()) + "), the installed one " + current.version() + " (build "
                        + hash12(current.buildHash()) + "); to upgrade: java Bootstrap.java --upgrade " + source);
            }
        } catch (Failure | IOException notATemplate) {
            env.err().println("parley-bootstrap: " + source + " is not a usable template: "
                    + oneLine(notATemplate.getMessage()));
        }
    }

    private static int list(Options options, Environment env) throws IOException {
        Template template = Databases.inspected(options, env);
        PrintStream out = env.out();
        String signer = template.signer(); // refuses a signature that does not match, before anything is shown
        out.println(template.file);
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
        Template template = Databases.inspected(options, env);
        Map<String, byte[]> contents = template.verify();
        long lean = template.libraries.stream().filter(library -> !contents.containsKey(library.path())).count();
        long files = template.files.stream().filter(file -> !"library".equals(file.kind())).count();
        env.out().println("OK " + template.file + ": " + files + " files and "
                + (template.libraries.size() - lean) + " libraries match their sha256, build " + template.buildHash()
                + ", signer " + template.signer()
                + (lean > 0 ? "; " + lean + " libraries are not packed (lean) and are checked when building" : ""));
        return Exit.OK.code;
    }

    private static int extract(Options options, Environment env) throws IOException {
        Template template = Databases.inspected(options, env);
        Path target = env.cwd().resolve(options.target != null ? options.target : "parley-src").normalize();
        Map<String, byte[]> contents = template.verify(); // checks every path before anything is written
        for (Map.Entry<String, byte[]> file : contents.entrySet()) {
            PathSafety.writeBelow(target, file.getKey(), file.getValue());
        }
        env.out().println("extracted " + contents.size() + " verified files to " + target);
        return Exit.OK.code;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Options, home, databases

    /** The command line, parsed; every mistake is a {@link Exit#USAGE} failure. */
    static final class Options {
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

    /**
     * {@code $PARLEY_HOME} and the folders derived from it. The workspace (builds, one folder per build hash) is
     * {@code $PARLEY_WORKSPACE} when set, so several homes can share builds (the distribution tests build the hub
     * once per run this way); every install still verifies its template.
     */
    record Home(Path root, Path workspace) {
        /**
         * Where Parley keeps its files: {@code PARLEY_HOME}, else {@code ~/.parley}; on Windows, when the user
         * profile path holds a space (which breaks too many tools), {@code C:\dev\.parley}.
         */
        static String locate(String osName, Map<String, String> variables, String userHome) {
            String configured = variables.get("PARLEY_HOME");
            if (configured != null && !configured.isBlank()) {
                return configured;
            }
            boolean windows = osName != null && osName.toLowerCase(Locale.ROOT).startsWith("windows");
            if (windows && userHome.contains(" ")) {
                return "C:\\dev\\.parley";
            }
            String separator = windows ? "\\" : "/";
            return userHome.endsWith(separator) ? userHome + ".parley" : userHome + separator + ".parley";
        }

        static Home of(Environment env) {
            Path root = env.cwd().resolve(locate(env.osName(), env.variables(), env.userHome())).normalize();
            String workspace = env.variable("PARLEY_WORKSPACE");
            return new Home(root,
                    workspace == null ? root.resolve("workspace") : env.cwd().resolve(workspace).normalize());
        }

        Path bin() { return root.resolve("bin"); }
        Path backups() { return root.resolve("backups"); }
    }

    /**
     * The live database ({@code PARLEY_DB}, else {@code $PARLEY_HOME/parley.db}) and the template the user points at
     * ({@code --db}, else {@code parley.db} or {@code parley-template.db} here), if that is another file.
     */
    record Databases(Path live, Path source, Path explicit) {
        static Databases locate(Options options, Environment env, Home home) {
            Path live = liveDb(env, home);
            Path explicit = options.db == null ? null : env.cwd().resolve(options.db).normalize();
            if (explicit != null && !Files.isRegularFile(explicit)) {
                throw new Failure(Exit.NO_DATABASE, "no such database file: " + explicit);
            }
            Path source = explicit;
            if (source == null) {
                source = Stream.of("parley.db", "parley-template.db").map(env.cwd()::resolve)
                        .filter(Files::isRegularFile).filter(found -> !sameFile(found, live)).findFirst().orElse(null);
            }
            return new Databases(live, source != null && sameFile(source, live) ? null : source, explicit);
        }

        static Path liveDb(Environment env, Home home) {
            String configured = env.variable("PARLEY_DB");
            return configured != null ? env.cwd().resolve(configured).normalize() : home.root().resolve("parley.db");
        }

        /** The database --list, --verify and --extract look at: --db, else the live one, else a template here. */
        static Template inspected(Options options, Environment env) throws IOException {
            Databases databases = locate(options, env, Home.of(env));
            return Template.open(databases.inspectedFile());
        }

        private Path inspectedFile() {
            if (explicit != null) {
                return explicit;
            }
            if (Files.isRegularFile(live)) {
                return live;
            }
            if (source != null) {
                return source;
            }
            throw new Failure(Exit.NO_DATABASE, "no database: " + live + " does not exist and there is no "
                    + "parley.db here; pass --db FILE");
        }

        /** Copies a template (and a -wal beside it) to the live path; each file appears whole or not at all. */
        static void install(Path source, Path live) throws IOException {
            createPrivateFolders(live.toAbsolutePath().getParent());
            for (String orphan : List.of("-wal", "-shm", "-journal")) {
                Files.deleteIfExists(sibling(live, orphan)); // left by a deleted database; must not apply to ours
            }
            if (Files.isRegularFile(sibling(source, "-wal"))) {
                copyAtomically(sibling(source, "-wal"), sibling(live, "-wal"));
            }
            copyAtomically(source, live);
        }

        private static boolean sameFile(Path a, Path b) {
            try {
                return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b)
                        : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
            } catch (IOException e) {
                return false;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The SQLite reader

    /**
     * A read-only reader of the SQLite file format (sqlite.org/fileformat2.html): the header, table b-trees,
     * records with every serial type, overflow chains, and the committed frames of a {@code -wal} file, so a
     * database left behind by a killed process reads exactly as SQLite itself would read it. It never writes.
     */
    static final class SqliteFile implements Closeable {
        private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        private static final int[] FIXED_LENGTHS = {0, 1, 2, 3, 4, 6, 8, 8, 0, 0}; // serial types 0..9

        private final Path path;
        private final FileChannel file;
        private final Wal wal;
        private final int pageSize;
        private final long pageCount;
        private int usableSize;
        private byte[] header;
        private Map<String, TableSchema> tables;

        private SqliteFile(Path path, FileChannel file, Wal wal, int pageSize, long pageCount) {
            this.path = path;
            this.file = file;
            this.wal = wal;
            this.pageSize = pageSize;
            this.pageCount = pageCount;
        }

        static SqliteFile open(Path path) throws IOException {
            FileChannel file;
            try {
                file = FileChannel.open(path, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                throw new Failure(Exit.NO_DATABASE, "no such database file: " + path);
            }
            Wal wal = null;
            try {
                wal = Wal.read(sibling(path, "-wal"));
                byte[] start = readAt(file, 0, (int) Math.min(100, file.size()));
                boolean sqlite = start.length == 100 && Arrays.equals(start, 0, 16, MAGIC, 0, 16);
                if (!sqlite && !wal.hasPage(1)) {
                    throw new Failure(Exit.NO_DATABASE, path + " is not a SQLite database");
                }
                // With committed WAL frames, the last commit frame gives the database size (page 1 may live
                // only there); otherwise the header's size, when it is current, else the file's length.
                int pageSize = wal.dbPages > 0 ? wal.pageSize : decodePageSize(start);
                long pageCount = wal.dbPages;
                if (pageCount == 0) {
                    pageCount = u32(start, 28) != 0 && u32(start, 24) == u32(start, 92) ? u32(start, 28)
                            : file.size() / Math.max(pageSize, 1);
                }
                SqliteFile db = new SqliteFile(path, file, wal, pageSize, pageCount);
                db.readHeader();
                return db;
            } catch (IOException | RuntimeException e) {
                file.close();
                if (wal != null) {
                    wal.close();
                }
                throw e;
            }
        }

        private void readHeader() throws IOException {
            if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
                throw corrupt("page size " + pageSize + " is invalid");
            }
            usableSize = pageSize; // page 1's header tells the reserved bytes; reading page 1 needs none of it
            header = Arrays.copyOf(page(1), 100);
            if (!Arrays.equals(header, 0, 16, MAGIC, 0, 16)) {
                throw new Failure(Exit.NO_DATABASE, path + " is not a SQLite database");
            }
            usableSize = pageSize - (header[20] & 0xff);
            long encoding = u32(header, 56);
            if (encoding > 1) {
                throw new Failure(Exit.NO_DATABASE, path + " uses a UTF-16 text encoding; Parley databases are UTF-8");
            }
            if (usableSize < 480) {
                throw corrupt("usable page size " + usableSize + " is too small");
            }
        }

        private static int decodePageSize(byte[] header) {
            int size = u16(header, 16);
            return size == 1 ? 65536 : size;
        }

        int applicationId() { return (int) u32(header, 68); }
        int pageSize() { return pageSize; }
        int reservedBytes() { return pageSize - usableSize; }

        /** The tables by lower-case name, from {@code sqlite_schema} on page 1. */
        Map<String, TableSchema> tables() throws IOException {
            if (tables == null) {
                TableSchema schema = TableSchema.parse("sqlite_schema", 1,
                        "CREATE TABLE sqlite_schema(type text, name text, tbl_name text, rootpage integer, sql text)");
                Map<String, TableSchema> found = new HashMap<>();
                for (Row row : rows(schema)) {
                    if ("table".equals(row.text("type")) && row.number("rootpage") > 0 && row.text("sql") != null) {
                        String name = row.text("name");
                        found.put(name.toLowerCase(Locale.ROOT), TableSchema.parse(name, row.number("rootpage"),
                                row.text("sql")));
                    }
                }
                tables = found;
            }
            return tables;
        }

        /** Every row of a table, in rowid order. */
        List<Row> rows(String table) throws IOException {
            TableSchema schema = tables().get(table.toLowerCase(Locale.ROOT));
            if (schema == null) {
                throw new Failure(Exit.NO_DATABASE, path + " has no table '" + table + "'");
            }
            return rows(schema);
        }

        private List<Row> rows(TableSchema schema) throws IOException {
            if (schema.withoutRowid) {
                throw new Failure(Exit.NO_DATABASE, "table " + schema.name + " is WITHOUT ROWID, which this reader "
                        + "does not read");
            }
            List<Row> rows = new ArrayList<>();
            try {
                walk(schema.root, 0, new HashSet<>(), (rowid, payload) -> rows.add(schema.row(rowid, decode(payload))));
            } catch (IndexOutOfBoundsException e) {
                throw corrupt("table " + schema.name + " is unreadable (" + e.getMessage() + ")");
            }
            return rows;
        }

        private interface CellVisitor {
            void cell(long rowid, byte[] payload);
        }

        /** Visits the leaf cells of a table b-tree in key order: interior pages (0x05) point down, leaves (0x0D). */
        private void walk(long pageNumber, int depth, Set<Long> seen, CellVisitor visitor) throws IOException {
            if (depth > 40 || !seen.add(pageNumber)) {
                throw corrupt("b-tree loop at page " + pageNumber);
            }
            byte[] page = page(pageNumber);
            int at = pageNumber == 1 ? 100 : 0;
            int type = page[at] & 0xff;
            int cells = u16(page, at + 3);
            if (at + (type == 0x05 ? 12 : 8) + 2 * cells > usableSize) {
                throw corrupt("page " + pageNumber + " claims " + cells + " cells");
            }
            if (type == 0x05) {
                for (int i = 0; i < cells; i++) {
                    walk(u32(page, cellOffset(page, at + 12, i)), depth + 1, seen, visitor);
                }
                walk(u32(page, at + 8), depth + 1, seen, visitor);
            } else if (type == 0x0D) {
                for (int i = 0; i < cells; i++) {
                    int[] position = {cellOffset(page, at + 8, i)};
                    long payloadSize = varint(page, position);
                    long rowid = varint(page, position);
                    visitor.cell(rowid, payload(page, position[0], payloadSize));
                }
            } else {
                throw corrupt("page " + pageNumber + " is not a table b-tree page (type " + type + ")");
            }
        }

        private int cellOffset(byte[] page, int cellPointers, int index) {
            int offset = u16(page, cellPointers + 2 * index);
            if (offset < 8 || offset >= usableSize) {
                throw corrupt("cell offset " + offset + " is out of the page");
            }
            return offset;
        }

        /** A cell's payload: the part stored on the page, then the overflow chain (4-byte next page + U-4 bytes). */
        private byte[] payload(byte[] page, int start, long size) throws IOException {
            int usable = usableSize;
            if (size < 0 || size > pageCount * usable || size > Integer.MAX_VALUE - 16) {
                throw corrupt("payload size " + size + " is impossible");
            }
            int total = (int) size;
            int maxLocal = usable - 35;
            int minLocal = (usable - 12) * 32 / 255 - 23;
            int spill = minLocal + (total - minLocal) % (usable - 4);
            int local = total <= maxLocal ? total : spill <= maxLocal ? spill : minLocal;
            if (start + local + (local < total ? 4 : 0) > usable) {
                throw corrupt("cell runs past the end of its page");
            }
            byte[] payload = Arrays.copyOfRange(page, start, start + total);
            long next = local < total ? u32(page, start + local) : 0;
            for (int filled = local; filled < total; ) {
                byte[] overflow = page(next);
                int chunk = Math.min(usable - 4, total - filled);
                System.arraycopy(overflow, 4, payload, filled, chunk);
                filled += chunk;
                next = u32(overflow, 0);
            }
            return payload;
        }

        /** A page's bytes: its newest committed copy in the WAL if there is one, else the database file's. */
        byte[] page(long number) throws IOException {
            if (number < 1 || number > pageCount) {
                throw corrupt("page " + number + " is out of range (1.." + pageCount + ")");
            }
            Long walOffset = wal.pages.get(number);
            byte[] page = walOffset != null ? readAt(wal.channel, walOffset, pageSize)
                    : readAt(file, (number - 1) * pageSize, pageSize);
            if (page.length < pageSize) {
                throw corrupt("page " + number + " is cut short");
            }
            return page;
        }

        /** A record: a header of serial types, then the values (sqlite.org/fileformat2.html#record_format). */
        private Object[] decode(byte[] record) {
            int[] position = {0};
            long headerSize = varint(record, position);
            if (headerSize > record.length || headerSize < 1) {
                throw corrupt("record header size " + headerSize + " is impossible");
            }
            List<Long> types = new ArrayList<>();
            while (position[0] < headerSize) {
                types.add(varint(record, position));
            }
            Object[] values = new Object[types.size()];
            int at = (int) headerSize;
            for (int i = 0; i < values.length; i++) {
                long type = types.get(i);
                long length = type >= 12 ? (type - 12) / 2 : type >= 0 && type < 10 ? FIXED_LENGTHS[(int) type] : -1;
                if (type == 10 || type == 11 || length < 0 || length > record.length - at) {
                    throw corrupt("record value of serial type " + type + " is invalid");
                }
                int size = (int) length;
                if (type == 0) {
                    values[i] = null;
                } else if (type <= 6) {
                    long value = record[at]; // sign-extended first byte, then big-endian
                    for (int b = 1; b < size; b++) {
                        value = value << 8 | (record[at + b] & 0xff);
                    }
                    values[i] = value;
                } else if (type == 7) {
                    values[i] = ByteBuffer.wrap(record, at, 8).getDouble();
                } else if (type == 8 || type == 9) {
                    values[i] = type - 8;
                } else if (type % 2 == 0) {
                    values[i] = Arrays.copyOfRange(record, at, at + size);
                } else {
                    values[i] = new String(record, at, size, StandardCharsets.UTF_8);
                }
                at += size;
            }
            return values;
        }

        /** A SQLite varint: 1 to 9 bytes, big-endian, 7 bits per byte, the ninth byte whole. */
        private long varint(byte[] bytes, int[] position) {
            long value = 0;
            for (int i = 0; i < 9; i++) {
                if (position[0] >= bytes.length) {
                    throw corrupt("varint runs past its page");
                }
                int b = bytes[position[0]++] & 0xff;
                if (i == 8) {
                    return value << 8 | b;
                }
                value = value << 7 | (b & 0x7f);
                if (b < 0x80) {
                    break;
                }
            }
            return value;
        }

        private Failure corrupt(String why) { return new Failure(Exit.NO_DATABASE, path + " is damaged: " + why); }

        @Override
        public void close() throws IOException {
            try {
                file.close();
            } finally {
                wal.close();
            }
        }
    }

    /**
     * The committed part of a {@code -wal} file: for each page its newest copy in a frame up to the last valid
     * commit frame. A frame counts only when its salts match the WAL header and the running checksum holds, so a
     * torn write, an uncommitted transaction or frames left over from an earlier WAL generation are ignored.
     */
    static final class Wal implements Closeable {
        private static final int HEADER = 32;
        private static final int FRAME_HEADER = 24;

        final FileChannel channel;
        final int pageSize;
        final long dbPages;
        final Map<Long, Long> pages;

        private Wal(FileChannel channel, int pageSize, long dbPages, Map<Long, Long> pages) {
            this.channel = channel;
            this.pageSize = pageSize;
            this.dbPages = dbPages;
            this.pages = pages;
        }

        boolean hasPage(long number) { return pages.containsKey(number); }

        static Wal read(Path walFile) throws IOException {
            FileChannel channel;
            try {
                channel = FileChannel.open(walFile, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return new Wal(null, 0, 0, Map.of());
            }
            try {
                Wal wal = parse(channel);
                if (!wal.pages.isEmpty()) {
                    return wal;
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            channel.close();
            return new Wal(null, 0, 0, Map.of());
        }

        private static Wal parse(FileChannel channel) throws IOException {
            Wal none = new Wal(channel, 0, 0, Map.of());
            long size = channel.size();
            byte[] header = readAt(channel, 0, (int) Math.min(HEADER, size));
            if (header.length < HEADER) {
                return none;
            }
            int magic = (int) u32(header, 0);
            int pageSize = (int) u32(header, 8);
            if (magic != 0x377f0682 && magic != 0x377f0683 || pageSize < 512 || pageSize > 65536
                    || Integer.bitCount(pageSize) != 1) {
                return none;
            }
            boolean bigEndian = (magic & 1) == 1; // the magic's low bit says in which byte order to sum words
            int[] sum = checksum(header, 0, 24, bigEndian, new int[2]);
            if (sum[0] != (int) u32(header, 24) || sum[1] != (int) u32(header, 28)) {
                return none;
            }
            Map<Long, Long> committed = new HashMap<>();
            Map<Long, Long> pending = new HashMap<>();
            long dbPages = 0;
            int frameSize = FRAME_HEADER + pageSize;
            for (long at = HEADER; at + frameSize <= size; at += frameSize) {
                byte[] frame = readAt(channel, at, frameSize);
                long page = u32(frame, 0);
                long commitSize = u32(frame, 4);
                if (page == 0 || frame.length < frameSize || !Arrays.equals(frame, 8, 16, header, 16, 24)) {
                    break;
                }
                sum = checksum(frame, 0, 8, bigEndian, sum);
                sum = checksum(frame, FRAME_HEADER, pageSize, bigEndian, sum);
                if (sum[0] != (int) u32(frame, 16) || sum[1] != (int) u32(frame, 20)) {
                    break;
                }
                pending.put(page, at + FRAME_HEADER);
                if (commitSize != 0) {
                    committed.putAll(pending);
                    pending.clear();
                    dbPages = commitSize;
                }
            }
            return new Wal(channel, pageSize, dbPages, committed);
        }

        /** SQLite's WAL checksum: over 32-bit words, s0 += x[i] + s1; s1 += x[i+1] + s0. */
        static int[] checksum(byte[] bytes, int offset, int length, boolean bigEndian, int[] previous) {
            ByteBuffer words = ByteBuffer.wrap(bytes).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int s0 = previous[0];
            int s1 = previous[1];
            for (int i = offset; i < offset + length; i += 8) {
                s0 += words.getInt(i) + s1;
                s1 += words.getInt(i + 4) + s0;
            }
            return new int[] {s0, s1};
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }

    /** A table's columns, parsed from its CREATE TABLE statement, and how to turn a record into a {@link Row}. */
    static final class TableSchema {
        private static final Set<String> TABLE_CONSTRAINTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK",
                "FOREIGN");
        private static final Set<String> COLUMN_CONSTRAINTS = Set.of("CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE",
                "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS");

        final String name;
        final long root;
        final List<String> columns = new ArrayList<>();
        final List<Object> defaults = new ArrayList<>(); // for rows written before ALTER TABLE ADD COLUMN
        final List<Boolean> real = new ArrayList<>();    // REAL affinity: SQLite may store 2.0 as the integer 2
        int rowidColumn = -1;                           // the INTEGER PRIMARY KEY column, stored as NULL
        boolean withoutRowid;

        private TableSchema(String name, long root) {
            this.name = name;
            this.root = root;
        }

        static TableSchema parse(String name, long root, String sql) {
            TableSchema schema = new TableSchema(name, root);
            List<String> tokens = tokens(sql);
            List<List<String>> definitions = new ArrayList<>();
            List<String> current = new ArrayList<>();
            int depth = 0;
            int i = tokens.indexOf("(") + 1;
            for (; i > 0 && i < tokens.size(); i++) {
                String token = tokens.get(i);
                if (token.equals(")") && depth == 0) {
                    break;
                } else if (token.equals(",") && depth == 0) {
                    definitions.add(current);
                    current = new ArrayList<>();
                    continue;
                }
                depth += token.equals("(") ? 1 : token.equals(")") ? -1 : 0;
                current.add(token);
            }
            definitions.add(current);
            schema.withoutRowid = i > 0 && tokens.subList(Math.min(i, tokens.size()), tokens.size()).stream()
                    .anyMatch("WITHOUT"::equalsIgnoreCase);
            String tablePrimaryKey = null;
            List<String> types = new ArrayList<>();
            for (List<String> definition : definitions) {
                if (definition.isEmpty()) {
                    continue;
                }
                if (TABLE_CONSTRAINTS.contains(definition.get(0).toUpperCase(Locale.ROOT))) {
                    tablePrimaryKey = singlePrimaryKeyColumn(definition, tablePrimaryKey);
                    continue;
                }
                schema.columns.add(identifier(definition.get(0)));
                int k = 1;
                while (k < definition.size() && isTypeWord(definition.get(k))) {
                    k++;
                }
                String type = String.join(" ", definition.subList(1, k)).toUpperCase(Locale.ROOT);
                types.add(type);
                schema.real.add(!type.matches(".*(INT|CHAR|CLOB|TEXT|BLOB).*") && type.matches(".*(REAL|FLOA|DOUB).*"));
                Object defaultValue = null;
                for (int j = k; j < definition.size(); j++) {
                    String word = definition.get(j).toUpperCase(Locale.ROOT);
                    // INTEGER PRIMARY KEY aliases the rowid, except (a historical quirk) INTEGER PRIMARY KEY DESC
                    if (word.equals("PRIMARY") && type.equals("INTEGER") && schema.rowidColumn < 0
                            && !(j + 2 < definition.size() && definition.get(j + 2).equalsIgnoreCase("DESC"))) {
                        schema.rowidColumn = schema.columns.size() - 1;
                    }
                    if (word.equals("DEFAULT") && j + 1 < definition.size()) {
                        defaultValue = literal(definition, j + 1);
                    }
                }
                schema.defaults.add(defaultValue);
            }
            if (tablePrimaryKey != null && schema.rowidColumn < 0) {
                for (int c = 0; c < schema.columns.size(); c++) {
                    if (schema.columns.get(c).equalsIgnoreCase(tablePrimaryKey) && types.get(c).equals("INTEGER")) {
                        schema.rowidColumn = c;
                    }
                }
            }
            return schema;
        }

        /** {@code PRIMARY KEY (x [ASC|DESC])}: x; a key over several columns is no rowid alias. */
        private static String singlePrimaryKeyColumn(List<String> definition, String previous) {
            int open = definition.indexOf("(");
            int close = definition.indexOf(")");
            if (!definition.stream().anyMatch("PRIMARY"::equalsIgnoreCase) || open < 0 || close < open) {
                return previous;
            }
            List<String> names = definition.subList(open + 1, close).stream()
                    .filter(t -> !t.equalsIgnoreCase("ASC") && !t.equalsIgnoreCase("DESC")).toList();
            return names.size() == 1 ? identifier(names.get(0)) : null;
        }

        private static boolean isTypeWord(String token) {
            char first = token.charAt(0);
            return (Character.isLetter(first) || first == '_')
                    && !COLUMN_CONSTRAINTS.contains(token.toUpperCase(Locale.ROOT));
        }

        /** The constant after DEFAULT (ALTER TABLE ADD COLUMN allows only constants); null when not one. */
        private static Object literal(List<String> tokens, int at) {
            String token = tokens.get(at);
            if (token.equals("(") && at + 1 < tokens.size()) {
                return literal(tokens, at + 1);
            }
            if ((token.equals("-") || token.equals("+")) && at + 1 < tokens.size()) {
                Object number = literal(tokens, at + 1);
                boolean minus = token.equals("-");
                return number instanceof Long l ? (Object) (minus ? -l : l)
                        : number instanceof Double d ? (Object) (minus ? -d : d) : null;
            }
            if (token.startsWith("'") || token.startsWith("\"")) {
                return token.substring(1);
            }
            String upper = token.toUpperCase(Locale.ROOT);
            if (upper.equals("TRUE") || upper.equals("FALSE")) {
                return upper.equals("TRUE") ? 1L : 0L;
            }
            try {
                return upper.startsWith("0X") ? Long.parseLong(token.substring(2), 16) : Long.parseLong(token);
            } catch (NumberFormatException notAnInteger) {
                try {
                    return Double.parseDouble(token);
                } catch (NumberFormatException notANumber) {
                    return null; // NULL, CURRENT_TIME, ...
                }
            }
        }

        /** Words, punctuation, 'string literals (one leading quote) and "quoted identifiers; comments dropped. */
        static List<String> tokens(String sql) {
            List<String> tokens = new ArrayList<>();
            int i = 0;
            int n = sql.length();
            while (i < n) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (sql.startsWith("--", i)) {
                    int end = sql.indexOf('\n', i);
                    i = end < 0 ? n : end;
                } else if (sql.startsWith("/*", i)) {
                    int end = sql.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
                    char close = c == '[' ? ']' : c;
                    StringBuilder token = new StringBuilder().append(c == '\'' ? '\'' : '"');
                    for (i++; i < n; i++) {
                        char d = sql.charAt(i);
                        if (d == close && close != ']' && i + 1 < n && sql.charAt(i + 1) == close) {
                            token.append(d);
                            i++;
                        } else if (d == close) {
                            i++;
                            break;
                        } else {
                            token.append(d);
                        }
                    }
                    tokens.add(token.toString());
                } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.') {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || "_$.".indexOf(sql.charAt(i)) >= 0)) {
                        i++;
                    }
                    tokens.add(sql.substring(start, i));
                } else {
                    tokens.add(String.valueOf(c));
                    i++;
                }
            }
            return tokens;
        }

        private static String identifier(String token) {
            return token.startsWith("\"") || token.startsWith("'") ? token.substring(1) : token;
        }

        Row row(long rowid, Object[] values) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                Object value = c == rowidColumn ? (Object) rowid : c < values.length ? values[c] : defaults.get(c);
                row.put(columns.get(c), real.get(c) && value instanceof Long l ? (Object) l.doubleValue() : value);
            }
            return new Row(rowid, row);
        }
    }

    /** One row: its rowid and its values by column (Long, Double, String, byte[] or null). */
    record Row(long rowid, Map<String, Object> values) {
        Object get(String column) { return values.get(column); }

        String text(String column) {
            Object value = get(column);
            return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : value == null ? null : value.toString();
        }

        long number(String column) {
            Object value = get(column);
            if (value instanceof Number number) {
                return number.longValue();
            }
            try {
                return Long.parseLong(String.valueOf(text(column)).trim());
            } catch (NumberFormatException e) {
                throw new Failure(Exit.NO_DATABASE, "column " + column + " holds '" + value + "', not a number");
            }
        }

        byte[] bytes(String column) {
            Object value = get(column);
            return value instanceof byte[] bytes ? bytes
                    : value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The template: packed files and their verification

    /** One {@code module_files} row. */
    record PackedFile(String path, String module, String kind, String resourceName, String sha256, long size) {}

    /** One {@code libraries} row. */
    record Library(String path, String groupId, String artifactId, String version, String sha256, long size) {
        String coordinates() { return groupId + ":" + artifactId + ":" + version; }
    }

    /** A Parley database's packed-files tables, read with {@link SqliteFile}, and their verification. */
    static final class Template {
        static final int APPLICATION_ID = 0x50524C59; // 'PRLY'
        static final String FORMAT = "1";
        private static final String JAVA_NAME = "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*";
        private static final String COORDINATE = "[A-Za-z0-9_][A-Za-z0-9_.-]*";
        /** The file-type bits of a sqlar {@code mode} (st_mode) and the two types that matter here. */
        private static final long S_IFMT = 0170000;
        private static final long S_IFREG = 0100000;
        private static final long S_IFLNK = 0120000;
        /** No packed file comes near this (the largest jar is ~15 MB); a bigger claim is a forgery. */
        static final long MAX_FILE_SIZE = 256L << 20;
        /** zlib's deflate cannot compress better than about 1032:1. */
        private static final long MAX_DEFLATE_RATIO = 1032;

        final Path file;
        final Map<String, String> metadata = new TreeMap<>();
        final List<PackedFile> files = new ArrayList<>();
        final List<Library> libraries = new ArrayList<>();
        final Map<String, String> descriptions = new HashMap<>();
        private String signer;

        private Template(Path file) {
            this.file = file;
        }

        /** Reads the small tables; refuses files that are not Parley databases of a format this bootstrap knows. */
        static Template open(Path file) throws IOException {
            Template template = new Template(file);
            try (SqliteFile db = SqliteFile.open(file)) {
                if (db.applicationId() != APPLICATION_ID) {
                    throw new Failure(Exit.NO_DATABASE, String.format("%s is not a Parley database (application_id "
                            + "0x%08X, expected 0x%08X)", file, db.applicationId(), APPLICATION_ID));
                }
                for (Row row : db.rows("metadata")) {
                    if (row.text("key") != null) {
                        template.metadata.put(row.text("key"), row.text("value"));
                    }
                }
                for (Row row : db.rows("module_files")) {
                    template.files.add(new PackedFile(row.text("path"), row.text("module_name"), row.text("kind"),
                            row.text("resource_name"), row.text("sha256"), row.number("size")));
                }
                for (Row row : db.rows("libraries")) {
                    template.libraries.add(new Library(row.text("path"), row.text("group_id"),
                            row.text("artifact_id"), row.text("version"), row.text("sha256"), row.number("size")));
                }
                for (Row row : db.rows("module_info")) {
                    template.descriptions.put(row.text("module_name"), row.text("description"));
                }
            }
            if (!FORMAT.equals(template.metadata.get("format"))) {
                throw new Failure(Exit.NO_DATABASE, file + " has template format " + template.metadata.get("format")
                        + "; this bootstrap reads format " + FORMAT);
            }
            for (String key : List.of("build_hash", "template_version", "main_class")) {
                if (template.metadata.get(key) == null) {
                    throw new Failure(Exit.NO_DATABASE, file + " has no metadata '" + key + "'");
                }
            }
            return template;
        }

        String version() { return metadata.get("template_version"); }
        String buildHash() { return metadata.get("build_hash"); }
        String javaRelease() { return metadata.getOrDefault("java_release", "17"); }

        /** The signer's fingerprint, or {@link Signature#UNSIGNED}; refuses a signature that does not match. */
        String signer() {
            if (signer == null) {
                signer = Signature.signer(this);
            }
            return signer;
        }

        /**
         * The signer a live database trusts for upgrades: the one pinned by the last {@code --upgrade}, else the
         * signer of the template it was installed from (whose signed rows it still holds).
         */
        String trustedSigner() {
            String pinned = metadata.get(Signature.PIN);
            return pinned != null ? pinned : signer();
        }

        /** A class name from the metadata, checked, since it ends up in scripts and command lines. */
        String className(String key) {
            String name = metadata.get(key) != null ? metadata.get(key) : metadata.get("main_class");
            if (!name.matches(JAVA_NAME)) {
                throw new Failure(Exit.VERIFICATION_FAILED, "metadata " + key + " '" + name + "' is not a class name");
            }
            return name;
        }

        /**
         * Checks everything before anything is written: every path (and class-path name) is safe, every packed
         * file's content matches its sha256 and size, and {@code build_hash} matches the files.
         *
         * @return the uncompressed content of every packed file (module_files, and the jars that are packed)
         */
        Map<String, byte[]> verify() throws IOException {
            for (PackedFile packed : files) {
                PathSafety.check(packed.path());
                if (packed.resourceName() != null) {
                    PathSafety.check(packed.resourceName());
                }
            }
            for (Library library : libraries) {
                PathSafety.check(library.path());
                boolean coordinatesSafe = Stream.of(library.groupId(), library.artifactId(), library.version())
                        .allMatch(part -> part != null && part.matches(COORDINATE) && !part.contains(".."));
                if (!library.path().startsWith("lib/") || !coordinatesSafe) {
                    throw new Failure(Exit.VERIFICATION_FAILED, "unsafe library " + library.path() + " ("
                            + library.coordinates() + ")");
                }
            }
            Set<String> listed = new HashSet<>();
            files.forEach(packed -> listed.add(packed.path()));
            libraries.forEach(library -> listed.add(library.path()));
            Map<String, Row> archive = new HashMap<>();
            try (SqliteFile db = SqliteFile.open(file)) {
                for (Row row : db.rows("sqlar")) {
                    archive.put(checkedEntry(row, listed), row);
                }
            }
            Map<String, byte[]> contents = new LinkedHashMap<>();
            for (PackedFile packed : files) {
                Row row = archive.get(packed.path());
                if (row == null) {
                    throw new Failure(Exit.VERIFICATION_FAILED, packed.path() + " is listed but has no content");
                }
                contents.put(packed.path(), checked(packed.path(), unpack(packed.path(), row, packed.size()),
                        packed.sha256(), packed.size()));
            }
            for (Library library : libraries) {
                Row row = archive.get(library.path());
                if (row != null) {
                    contents.put(library.path(), checked(library.path(), unpack(library.path(), row, library.size()),
                            library.sha256(), library.size()));
                }
            }
            String actual = computeBuildHash();
            if (!actual.equals(buildHash())) {
                throw new Failure(Exit.VERIFICATION_FAILED, "build_hash is " + buildHash() + " but the packed files "
                        + "hash to " + actual + " (tampered?)");
            }
            className("main_class");
            className("cli_class");
            if (!javaRelease().matches("[0-9]{1,3}")) {
                throw new Failure(Exit.VERIFICATION_FAILED, "java_release '" + javaRelease() + "' is not a number");
            }
            signer(); // last, so a plainly tampered file is named by what was changed, not by its signature
            return contents;
        }

        /** sha256 over {@code path \n sha256 \n}, sorted by path, of every packed file but jars, and every jar. */
        String computeBuildHash() {
            Map<String, String> byPath = new TreeMap<>();
            files.stream().filter(f -> !"library".equals(f.kind())).forEach(f -> byPath.put(f.path(), f.sha256()));
            libraries.forEach(library -> byPath.put(library.path(), library.sha256()));
            StringBuilder text = new StringBuilder();
            byPath.forEach((path, sha) -> text.append(path).append('\n').append(sha).append('\n'));
            return sha256(text.toString().getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A sqlar entry's name, once the entry is one the packer could have written: a safe path that module_files
         * or libraries lists, and a regular file. Anything else would reach the disk through {@code sqlite3 -Ax}
         * (an absolute path, a '..', a symlink) without --verify ever having looked at it.
         */
        private static String checkedEntry(Row row, Set<String> listed) {
            String name = row.text("name");
            PathSafety.check(name);
            long type = row.number("mode") & S_IFMT;
            if (type != S_IFREG) {
                throw new Failure(Exit.VERIFICATION_FAILED, "sqlar entry '" + name + "' is "
                        + (type == S_IFLNK ? "a symbolic link" : String.format("not a regular file (mode 0%o)",
                        row.number("mode"))) + "; a template packs regular files only");
            }
            if (!listed.contains(name)) {
                throw new Failure(Exit.VERIFICATION_FAILED, "sqlar entry '" + name + "' is not listed in module_files "
                        + "or libraries (smuggled in?)");
            }
            return name;
        }

        /**
         * A sqlar row's content: zlib-compressed exactly when it is shorter than sz. Sizes are checked before
         * anything is allocated: sz must be the listed size, under {@link #MAX_FILE_SIZE}, and within what zlib
         * can inflate the stored bytes to.
         */
        static byte[] unpack(String path, Row row, long listedSize) {
            byte[] data = row.bytes("data") == null ? new byte[0] : row.bytes("data");
            long size = row.number("sz");
            if (size != listedSize) {
                throw new Failure(Exit.VERIFICATION_FAILED, path + " has sz " + size + " in sqlar but is listed with "
                        + listedSize + " bytes (tampered?)");
            }
            if (data.length >= size) {
                return data;
            }
            if (size > MAX_FILE_SIZE || size > (long) data.length * MAX_DEFLATE_RATIO + 1024) {
                throw new Failure(Exit.VERIFICATION_FAILED, path + " claims an impossible size " + size + " for "
                        + data.length + " stored bytes (tampered?)");
            }
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(data);
                byte[] out = new byte[(int) size];
                int filled = 0;
                while (filled < out.length && !inflater.finished() && !inflater.needsInput()) {
                    filled += inflater.inflate(out, filled, out.length - filled);
                }
                if (filled != size) {
                    throw new DataFormatException("inflated to " + filled + " bytes instead of " + size);
                }
                return out;
            } catch (DataFormatException e) {
                throw new Failure(Exit.VERIFICATION_FAILED, path + " does not decompress (tampered?): "
                        + e.getMessage());
            } finally {
                inflater.end();
            }
        }

        private static byte[] checked(String path, byte[] content, String sha256, long size) {
            String actual = sha256(content);
            if (content.length != size || !actual.equals(sha256)) {
                throw new Failure(Exit.VERIFICATION_FAILED, path + " does not match its recorded sha256/size "
                        + "(expected " + sha256 + ", " + size + " bytes; found " + actual + ", " + content.length
                        + " bytes): tampered?");
            }
            return content;
        }
    }

    /**
     * The text a template's signature covers, from the template's own rows (the packer's dev.parley.packer.Manifest
     * writes the same; SignedTemplateTest keeps the two equal):
     * <pre>
     * parley-manifest 1
     * file PATH SHA256 SIZE     every module_files row (sources, docs, schema.sql and each schema step, packed jars)
     * library PATH SHA256 SIZE  every libraries row, packed or lean
     * meta KEY VALUE            the metadata that selects code (SIGNED_METADATA, sorted, present keys only)
     * </pre>
     * Sorted by path; in every field {@code \} is {@code \\}, a space {@code \s}, a line break {@code \n} or
     * {@code \r}, so no two sets of rows give the same text. Contents are bound through their sha256 and size,
     * which {@link Template#verify} checks against the bytes.
     */
    static final class Manifest {
        static final String FORMAT_LINE = "parley-manifest 1";
        static final List<String> SIGNED_METADATA = List.of("build_hash", "cli_class", "format", "java_release",
                "lean", "main_class", "product", "schema_version", "template_created_at", "template_version");

        private Manifest() {}

        static String of(Template template) {
            StringBuilder text = new StringBuilder(FORMAT_LINE).append('\n');
            // Sorted, not collected by path: a duplicated row (a table rebuilt without its key) shows in the text.
            template.files.stream().sorted(Comparator.comparing(f -> String.valueOf(f.path())))
                    .forEach(f -> line(text, "file", f.path(), f.sha256(), Long.toString(f.size())));
            template.libraries.stream().sorted(Comparator.comparing(l -> String.valueOf(l.path())))
                    .forEach(l -> line(text, "library", l.path(), l.sha256(), Long.toString(l.size())));
            template.metadata.forEach((key, value) -> { // a TreeMap: sorted by key
                if (SIGNED_METADATA.contains(key)) {
                    line(text, "meta", key, value);
                }
            });
            return text.toString();
        }

        private static void line(StringBuilder text, String kind, String... fields) {
            text.append(kind);
            for (String field : fields) {
                text.append(' ').append(String.valueOf(field).replace("\\", "\\\\").replace(" ", "\\s")
                        .replace("\n", "\\n").replace("\r", "\\r"));
            }
            text.append('\n');
        }
    }

    /**
     * Who signed a template. The packer stores three metadata rows: {@code manifest} ({@link Manifest}),
     * {@code manifest_signature} (Ed25519 over its UTF-8 bytes, base64) and {@code signer_key} (the public key's
     * X.509 encoding, base64). A signer is named by its fingerprint: {@code ed25519:} + the first 16 hex digits of
     * sha256 over the 32 raw public key bytes. A live database pins the signer it trusts in {@code trusted_signer}.
     */
    static final class Signature {
        static final String UNSIGNED = "unsigned";
        static final List<String> ROWS = List.of("manifest", "manifest_signature", "signer_key");
        static final String PIN = "trusted_signer";
        /** An Ed25519 SubjectPublicKeyInfo ends with the 32 raw key bytes. */
        private static final int RAW_KEY_BYTES = 32;

        private Signature() {}

        /** The fingerprint of the key whose signature covers the template's rows, or {@link #UNSIGNED}. */
        static String signer(Template template) {
            Map<String, String> metadata = template.metadata;
            long present = ROWS.stream().filter(metadata::containsKey).count();
            if (present == 0) {
                return UNSIGNED;
            }
            if (present < ROWS.size()) {
                throw new Failure(Exit.VERIFICATION_FAILED, template.file + " carries part of a signature ("
                        + String.join(", ", ROWS) + " go together): tampered?");
            }
            String stored = metadata.get("manifest");
            if (!stored.startsWith(Manifest.FORMAT_LINE + "\n")) {
                throw new Failure(Exit.VERIFICATION_FAILED, template.file + " has a manifest of format '"
                        + stored.lines().findFirst().orElse("") + "'; this bootstrap reads '" + Manifest.FORMAT_LINE
                        + "': update your Bootstrap.java from that template");
            }
            PublicKey key;
            boolean valid;
            try {
                key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(metadata.get("signer_key"))));
                java.security.Signature check = java.security.Signature.getInstance("Ed25519"); // not this class
                check.initVerify(key);
                check.update(stored.getBytes(StandardCharsets.UTF_8));
                valid = check.verify(Base64.getDecoder().decode(metadata.get("manifest_signature")));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new Failure(Exit.VERIFICATION_FAILED, template.file + " has an unreadable signature or key ("
                        + e.getMessage() + "): tampered?");
            }
            String fingerprint = fingerprint(key);
            if (!valid) {
                throw new Failure(Exit.VERIFICATION_FAILED, template.file + ": the signature by " + fingerprint
                        + " does not match its manifest: tampered?");
            }
            String actual = Manifest.of(template);
            if (!actual.equals(stored)) {
                throw new Failure(Exit.VERIFICATION_FAILED, template.file + " does not match the manifest signed by "
                        + fingerprint + " (first difference: " + firstDifference(stored, actual) + "): tampered?");
            }
            return fingerprint;
        }

        static String fingerprint(PublicKey key) {
            byte[] encoded = key.getEncoded();
            return "ed25519:" + sha256(Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_BYTES, encoded.length))
                    .substring(0, 16);
        }

        private static String firstDifference(String signed, String actual) {
            List<String> a = signed.lines().toList();
            List<String> b = actual.lines().toList();
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                String was = i < a.size() ? a.get(i) : "(nothing)";
                String is = i < b.size() ? b.get(i) : "(nothing)";
                if (!was.equals(is)) {
                    return "signed '" + was + "', found '" + is + "'";
                }
            }
            return "line endings";
        }
    }

    /** Paths from the template land under a folder, or nowhere: relative, '/'-separated, no '..', no tricks. */
    static final class PathSafety {
        private PathSafety() {}

        static void check(String path) {
            String problem = problem(path);
            if (problem != null) {
                String shown = path == null ? "null" : path.replaceAll("\\p{Cntrl}", "?");
                throw new Failure(Exit.VERIFICATION_FAILED, "unsafe path '" + shown + "' in the template: " + problem);
            }
        }

        static String problem(String path) {
            if (path == null || path.isEmpty()) {
                return "empty";
            } else if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return "holds a NUL or control character";
            } else if (path.indexOf('\\') >= 0) {
                return "holds a backslash";
            } else if (path.startsWith("/")) {
                return "absolute";
            } else if (path.indexOf(':') >= 0) {
                return "holds a drive letter or ':'";
            }
            for (String segment : path.split("/", -1)) {
                if (segment.equals("..")) {
                    return "climbs out with '..'";
                } else if (segment.isEmpty() || segment.equals(".")) {
                    return "has an empty or '.' segment";
                }
            }
            return null;
        }

        /** {@code base/path}, checked, and never outside {@code base} after normalizing. */
        static Path resolve(Path base, String path) {
            check(path);
            Path root = base.toAbsolutePath().normalize();
            try {
                Path resolved = root.resolve(path).normalize();
                if (resolved.startsWith(root) && !resolved.equals(root)) {
                    return resolved;
                }
            } catch (InvalidPathException e) {
                // reported below
            }
            throw new Failure(Exit.VERIFICATION_FAILED, "unsafe path '" + path + "': it does not stay inside " + root);
        }

        /**
         * Writes {@code base/path} into a folder that may already hold files (--extract --target), creating the
         * missing folders, and refuses a symbolic link on the way instead of following it out of {@code base}.
         */
        static void writeBelow(Path base, String path, byte[] content) throws IOException {
            Path target = resolve(base, path);
            Path root = base.toAbsolutePath().normalize();
            Files.createDirectories(root);
            Path current = root;
            for (Path name : root.relativize(target)) {
                current = current.resolve(name);
                if (Files.isSymbolicLink(current)) {
                    throw new Failure(Exit.VERIFICATION_FAILED, "refusing to write " + path + ": " + current
                            + " is a symbolic link, which could lead outside " + root);
                }
                if (!current.equals(target) && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(current);
                }
            }
            // NOFOLLOW_LINKS: a link planted between the check above and this open is refused by the OS
            Files.write(target, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Building

    /** A built workspace: what the launchers need. */
    record Build(String hash, Path dir, String mainClass, String cliClass) {
        /**
         * {@code -cp ...} as a java {@code @argfile}: a short command line for any number of jars (Windows caps a
         * command line at 32K characters, cmd.exe at 8K, and Linux shows only 4K of it to ProcessHandle).
         */
        Path classpathArgs() { return dir.resolve("classpath.args"); }
        Path jbangScript() { return dir.resolve("src/ParleyMain.java"); }
    }

    /**
     * Extracts, compiles and caches one build in {@code $PARLEY_HOME/workspace/<build_hash>/}: {@code src/} (every
     * packed file by its path), {@code lib/} (the jars), {@code classes/}. The build happens in a temporary folder
     * renamed into place when complete, then marked, so a later start with the same hash reuses it untouched.
     */
    static final class Workspace {
        private static final String MARKER = ".built";

        private final Home home;
        private final Environment env;

        Workspace(Home home, Environment env) {
            this.home = home;
            this.env = env;
        }

        /**
         * @param verified the template's verified contents when already at hand, else null
         * @param forJBang write a JBang script instead of compiling (and leave the jars to JBang)
         */
        Build prepare(Template template, Map<String, byte[]> verified, boolean forJBang) throws IOException {
            String hash = template.buildHash();
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new Failure(Exit.VERIFICATION_FAILED, "build_hash '" + hash + "' is not a sha256");
            }
            Path dir = home.workspace().resolve(forJBang ? hash + "-jbang" : hash);
            Build build = new Build(hash, dir, template.className("main_class"), template.className("cli_class"));
            if (Files.isRegularFile(dir.resolve(MARKER))) {
                env.out().println("using cached build " + hash12(hash));
                return build;
            }
            Map<String, byte[]> contents = verified != null ? verified : template.verify();
            Map<String, byte[]> jars = new LinkedHashMap<>();
            if (!forJBang) {
                for (Library library : template.libraries) {
                    byte[] jar = contents.get(library.path());
                    jars.put(library.path(), jar != null ? jar : MavenRepo.jar(library, env));
                }
            }
            createPrivateFolders(home.root());
            Files.createDirectories(home.workspace());
            Path temp = Files.createTempDirectory(home.workspace(), ".tmp-" + hash12(hash) + "-");
            try {
                List<Path> sources = new ArrayList<>();
                for (PackedFile packed : template.files) {
                    if (!"library".equals(packed.kind())) {
                        Path target = PathSafety.resolve(temp.resolve("src"), packed.path());
                        writeFile(target, contents.get(packed.path()));
                        if ("java".equals(packed.kind())) {
                            sources.add(target);
                        }
                    }
                }
                for (Map.Entry<String, byte[]> jar : jars.entrySet()) {
                    writeFile(PathSafety.resolve(temp, jar.getKey()), jar.getValue());
                }
                if (forJBang) {
                    writeFile(temp.resolve("src/ParleyMain.java"),
                            JBang.script(template).getBytes(StandardCharsets.UTF_8));
                } else {
                    env.out().println("compiling " + sources.size() + " java files of build " + hash12(hash) + " ...");
                    List<Path> jarFiles = jars.keySet().stream().map(temp::resolve).toList();
                    Compiler.compile(sources, jarFiles, temp.resolve("classes"), template.javaRelease(), env);
                    for (PackedFile packed : template.files) {
                        boolean onClassPath = "resource".equals(packed.kind()) || "migration".equals(packed.kind());
                        if (onClassPath && packed.resourceName() != null) {
                            writeFile(PathSafety.resolve(temp.resolve("classes"), packed.resourceName()),
                                    contents.get(packed.path()));
                        }
                    }
                    List<Path> classpath = new ArrayList<>(List.of(dir.resolve("classes"))); // where it will be
                    jars.keySet().forEach(jar -> classpath.add(dir.resolve(jar)));
                    String quoted = joinPaths(classpath, java.io.File.pathSeparator).replace("\\", "\\\\")
                            .replace("\"", "\\\"");
                    Files.writeString(temp.resolve("classpath.args"), "-cp \"" + quoted + "\"\n");
                }
                Files.writeString(temp.resolve(MARKER), hash + "\n");
                moveIntoPlace(temp, dir);
            } finally {
                deleteTree(temp);
            }
            return build;
        }

        private static void moveIntoPlace(Path temp, Path dir) throws IOException {
            if (Files.exists(dir) && !Files.exists(dir.resolve(MARKER))) {
                deleteTree(dir); // an incomplete build left by hand or by an older bootstrap
            }
            try {
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                if (!Files.isRegularFile(dir.resolve(MARKER))) {
                    throw e;
                } // another bootstrap finished the same build first: use theirs
            }
        }
    }

    /** The jars of a lean template, from a local Maven repository, verified like packed ones. */
    static final class MavenRepo {
        private MavenRepo() {}

        static Path root(Environment env) {
            String configured = env.variable("PARLEY_MAVEN_REPO");
            return configured != null ? env.cwd().resolve(configured) : Path.of(env.userHome(), ".m2", "repository");
        }

        static byte[] jar(Library library, Environment env) throws IOException {
            Path repo = root(env);
            String fileName = library.path().substring(library.path().lastIndexOf('/') + 1);
            Path jar = repo.resolve(library.groupId().replace('.', '/')).resolve(library.artifactId())
                    .resolve(library.version()).resolve(fileName);
            if (!Files.isRegularFile(jar)) {
                throw new Failure(Exit.MISSING_LIBRARY, "library " + library.coordinates() + " is not packed in this "
                        + "lean template and not in " + repo + "; use --jbang, set PARLEY_MAVEN_REPO, or use a full "
                        + "template");
            }
            return Template.checked(jar.toString(), Files.readAllBytes(jar), library.sha256(), library.size());
        }
    }

    /** javax.tools, in this JVM: the hub's sources against its jars, into classes/. */
    static final class Compiler {
        private Compiler() {}

        static void compile(List<Path> sources, List<Path> classpath, Path classes, String release, Environment env)
                throws IOException {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac == null) {
                throw new Failure(Exit.COMPILE_FAILED, "this Java (" + System.getProperty("java.home") + ") has no "
                        + "compiler, it is a JRE: install a JDK " + release + "+ or JBang (--jbang)");
            }
            if (Integer.parseInt(release) > Runtime.version().feature()) {
                throw new Failure(Exit.COMPILE_FAILED, "this build needs Java " + release + "+, this is Java "
                        + Runtime.version().feature());
            }
            Files.createDirectories(classes);
            if (sources.isEmpty()) {
                return;
            }
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                    StandardCharsets.UTF_8)) {
                List<String> options = List.of("--release", release, "-proc:none", "-encoding", "UTF-8", "-nowarn",
                        "-d", classes.toString(), "-cp", joinPaths(classpath, java.io.File.pathSeparator));
                boolean ok = javac.getTask(new StringWriter(), fileManager, diagnostics, options, null,
                        fileManager.getJavaFileObjectsFromPaths(sources)).call();
                if (!ok) {
                    List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
                    errors.stream().limit(20).forEach(d -> env.err().println((d.getSource() == null ? ""
                            : d.getSource().getName() + ":" + d.getLineNumber() + ": ") + d.getMessage(Locale.ROOT)));
                    throw new Failure(Exit.COMPILE_FAILED, "compilation failed with " + errors.size() + " errors");
                }
            }
        }
    }

    /** --jbang: a JBang script that pulls the same sources, resources and Maven coordinates together. */
    static final class JBang {
        private JBang() {}

        static String script(Template template) {
            StringBuilder script = new StringBuilder("///usr/bin/env jbang \"$0\" \"$@\" ; exit $?\n")
                    .append("// Written by Bootstrap.java for build ").append(template.buildHash())
                    .append(": runs ").append(template.className("main_class")).append(" through JBang.\n")
                    .append("//JAVA ").append(template.javaRelease()).append("+\n")
                    // javac's default is the platform charset: US-ASCII under a C locale before Java 18
                    .append("//COMPILE_OPTIONS -encoding UTF-8\n");
            template.libraries.forEach(library -> script.append("//DEPS ").append(library.coordinates()).append('\n'));
            for (PackedFile packed : template.files) {
                if ("java".equals(packed.kind())) {
                    script.append("//SOURCES ").append(packed.path()).append('\n');
                } else if (("resource".equals(packed.kind()) || "migration".equals(packed.kind()))
                        && packed.resourceName() != null) {
                    script.append("//FILES ").append(packed.resourceName()).append('=').append(packed.path())
                            .append('\n');
                }
            }
            return script.append("\npublic class ParleyMain {\n")
                    .append("    public static void main(String[] args) throws Exception {\n")
                    .append("        ").append(template.className("main_class")).append(".main(args);\n")
                    .append("    }\n}\n").toString();
        }

        /** PARLEY_JBANG, else jbang on the PATH, else null. */
        static String command(Environment env) {
            if (env.variable("PARLEY_JBANG") != null) {
                return env.variable("PARLEY_JBANG");
            }
            String path = env.variable("PATH") != null ? env.variable("PATH") : "";
            for (String dir : path.split(java.io.File.pathSeparator)) {
                for (String name : env.windows() ? List.of("jbang.cmd", "jbang.exe", "jbang") : List.of("jbang")) {
                    if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                        return Path.of(dir, name).toString();
                    }
                }
            }
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Launching

    /** {@code bin/parley} and {@code bin/parley.cmd}: the CLI of the current build, one word away. */
    static final class LauncherScripts {
        private LauncherScripts() {}

        static void write(Home home, Build build, Environment env) throws IOException {
            List<String> command = Launcher.javaCommand(build, build.cliClass());
            String db = env.variable("PARLEY_DB") != null ? Databases.liveDb(env, home).toString() : null;
            String note = "Written by Bootstrap.java for build " + build.hash() + "; rewritten when the build changes.";
            String sh = "#!/bin/sh\n# The Parley CLI. " + note + "\n"
                    + "PARLEY_HOME=" + shQuote(home.root().toString()) + "\nexport PARLEY_HOME\n"
                    + (db == null ? "" : "PARLEY_DB=" + shQuote(db) + "\nexport PARLEY_DB\n")
                    // Most commands live for a fraction of a second: a light JIT and GC start faster.
                    // Long-running ones keep the defaults.
                    + "QUICK='-XX:TieredStopAtLevel=1 -XX:+UseSerialGC'\n"
                    + "case \"$1\" in serve|listen|mcp|bench) QUICK= ;; esac\n"
                    + "exec " + shQuote(command.get(0)) + " $QUICK "
                    + command.subList(1, command.size()).stream().map(LauncherScripts::shQuote)
                            .collect(Collectors.joining(" "))
                    + " \"$@\"\n";
            String cmd = "@echo off\r\nrem The Parley CLI. " + note + "\r\n"
                    + "set \"PARLEY_HOME=" + home.root() + "\"\r\n"
                    + (db == null ? "" : "set \"PARLEY_DB=" + db + "\"\r\n")
                    + command.stream().map(part -> "\"" + part + "\"").collect(Collectors.joining(" ")) + " %*\r\n";
            writeIfChanged(home.bin().resolve("parley"), sh, true);
            writeIfChanged(home.bin().resolve("parley.cmd"), cmd, false);
        }

        static String shQuote(String text) { return "'" + text.replace("'", "'\\''") + "'"; }

        private static void writeIfChanged(Path file, String content, boolean executable) throws IOException {
            if (!Files.isRegularFile(file) || !Files.readString(file).equals(content)) {
                Path temp = Files.createTempFile(Files.createDirectories(file.getParent()), ".parley", ".tmp");
                Files.writeString(temp, content);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            if (executable) {
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the .cmd is the launcher there
                }
            }
        }
    }

    /** The hub's JVM: this JVM's java, the build's class path; stopping the bootstrap stops the hub. */
    static final class Launcher {
        private Launcher() {}

        /** java [--enable-native-access] @classpath.args mainClass (sqlite-jdbc loads native code). */
        static List<String> javaCommand(Build build, String mainClass) {
            List<String> command = new ArrayList<>(List.of(javaExecutable()));
            if (Runtime.version().feature() >= 22) {
                command.add("--enable-native-access=ALL-UNNAMED");
            }
            command.addAll(List.of("@" + build.classpathArgs(), mainClass));
            return command;
        }

        static String javaExecutable() {
            return ProcessHandle.current().info().command().filter(c -> Files.isExecutable(Path.of(c)))
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }

        /** Runs the command with this process's terminal; returns its exit code. */
        static int run(List<String> command, Home home, Environment env) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put("PARLEY_HOME", home.root().toString());
            if (env.variable("PARLEY_DB") != null) {
                builder.environment().put("PARLEY_DB", Databases.liveDb(env, home).toString());
            }
            Process child = builder.start();
            Thread stopChild = new Thread(() -> {
                child.destroy(); // the hub drains and checkpoints on SIGTERM
                try {
                    if (!child.waitFor(60, TimeUnit.SECONDS)) {
                        child.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    child.destroyForcibly();
                }
            }, "parley-stop-hub");
            Runtime.getRuntime().addShutdownHook(stopChild);
            int code = child.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
            return code;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Upgrading

    /**
     * The hub's exclusive OS lock on {@code <db>.lock}, the same file the hub locks while it serves. The OS drops it
     * when its holder dies, so a crash never leaves a stale lock.
     */
    static final class HubLock implements Closeable {
        private final FileChannel channel;
        private final FileLock lock;

        private HubLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static Path file(Path db) { return sibling(db, ".lock"); }

        /** Takes the lock, or fails with {@link Exit#HUB_RUNNING} when a hub holds it. */
        static HubLock acquire(Path db) throws IOException {
            FileChannel channel = FileChannel.open(file(db), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new Failure(Exit.HUB_RUNNING, "a hub is running on " + db + "; stop it first");
            }
            return new HubLock(channel, lock);
        }

        static void refuseIfHeld(Path db) throws IOException {
            acquire(db).close();
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /**
     * {@code --upgrade NEW.db}: swaps the packed tables of the live database for NEW.db's in one transaction and
     * applies NEW.db's pending schema steps; every runtime row stays. The bootstrap cannot write SQLite itself, so
     * it borrows the sqlite-jdbc jar NEW.db carries (verified first).
     */
    static final class Upgrader {
        private static final List<String> PACKED_TABLES = List.of("sqlar", "module_files", "module_info",
                "libraries", "metadata");
        private static final String STEPS = "template/migrations/";

        private Upgrader() {}

        static int upgrade(Options options, Environment env) throws IOException {
            Home home = Home.of(env);
            Path live = Databases.liveDb(env, home);
            Path incomingFile = env.cwd().resolve(options.upgrade).normalize();
            if (!Files.isRegularFile(live)) {
                throw new Failure(Exit.NO_DATABASE, "nothing to upgrade: there is no database at " + live);
            }
            if (!Files.isRegularFile(incomingFile)) {
                throw new Failure(Exit.NO_DATABASE, "no such template: " + incomingFile);
            }
            if (Files.isSameFile(live, incomingFile)) {
                throw new Failure(Exit.USAGE, incomingFile + " is the live database itself");
            }
            HubLock lock = HubLock.acquire(live); // held throughout, so no hub starts halfway
            Path work = Files.createTempDirectory("parley-upgrade-");
            try {
                Template current = Template.open(live);
                // What was verified is what gets installed: the bootstrap's reader and SQLite both read this
                // private copy, which has no -journal or -wal beside it (the reader ignores a hot journal that
                // SQLite would apply), and SQLite attaches it immutable, so nothing can roll it forward or back.
                Path copy = work.resolve(incomingFile.getFileName().toString());
                Files.copy(incomingFile, copy);
                ownerOnly(copy);
                Template incoming;
                Map<String, byte[]> contents;
                try {
                    incoming = Template.open(copy);
                    contents = incoming.verify();
                } catch (Failure e) { // name the file the user gave, not the private copy
                    throw new Failure(e.exit, e.getMessage().replace(copy.toString(), incomingFile.toString()));
                }
                String trusted = current.trustedSigner();
                String offered = incoming.signer();
                if (!offered.equals(trusted) && !offered.equals(options.trust)) {
                    throw new Failure(Exit.VERIFICATION_FAILED, "refusing to upgrade: " + live + " trusts templates "
                            + "signed by " + trusted + ", but " + incomingFile + " is signed by " + offered
                            + (options.trust != null ? " (not " + options.trust + ")" : "")
                            + "; if you trust it: java Bootstrap.java --upgrade " + options.upgrade + " --trust "
                            + offered);
                }
                if (incoming.buildHash().equals(current.buildHash())) {
                    env.out().println("already at build " + hash12(current.buildHash()) + " (" + current.version()
                            + "); nothing to do");
                    return Exit.OK.code;
                }
                if (Semver.compare(incoming.version(), current.version()) < 0 && !options.force) {
                    throw new Failure(Exit.DOWNGRADE_REFUSED, "refusing to downgrade " + live + " from "
                            + current.version() + " to " + incoming.version() + "; add --force to do it anyway");
                }
                Map<String, String> steps = steps(contents);
                try {
                    Path driverJar = work.resolve("sqlite-jdbc.jar");
                    Files.write(driverJar, driverJar(incoming, contents, env));
                    try (URLClassLoader loader = new URLClassLoader(new URL[] {driverJar.toUri().toURL()},
                            ClassLoader.getPlatformClassLoader());
                         Connection db = connect(loader, live)) {
                        Path backup = backup(db, home, current.version());
                        env.out().println("backed up " + live + " to " + backup);
                        List<String> applied = swap(db, copy, current, steps, offered);
                        env.out().println("upgraded " + live + " from " + current.version() + " (build "
                                + hash12(current.buildHash()) + ") to " + incoming.version() + " (build "
                                + hash12(incoming.buildHash()) + ")");
                        env.out().println(applied.isEmpty() ? "no pending schema steps"
                                : "schema steps applied: " + String.join(", ", applied));
                        env.out().println("the next start builds " + hash12(incoming.buildHash())
                                + (offered.equals(trusted) ? "" : "; now trusting templates signed by " + offered));
                    }
                } catch (SQLException e) {
                    throw new Failure(Exit.UNEXPECTED, "upgrade failed, " + live + " is unchanged: " + e.getMessage());
                }
                return Exit.OK.code;
            } finally {
                deleteTree(work);
                lock.close();
            }
        }

        /** migrations.txt's steps in order, name (file name without .sql) to SQL; all from verified content. */
        static Map<String, String> steps(Map<String, byte[]> contents) {
            Map<String, String> steps = new LinkedHashMap<>();
            byte[] list = contents.get(STEPS + "migrations.txt");
            if (list == null) {
                return steps;
            }
            for (String line : new String(list, StandardCharsets.UTF_8).split("\\R")) {
                String fileName = line.strip();
                if (fileName.isEmpty() || fileName.startsWith("#")) {
                    continue;
                }
                byte[] sql = PathSafety.problem(fileName) == null && !fileName.contains("/")
                        ? contents.get(STEPS + fileName) : null;
                if (sql == null) {
                    throw new Failure(Exit.VERIFICATION_FAILED, "migrations.txt lists '" + fileName + "' but the "
                            + "template has no " + STEPS + fileName);
                }
                steps.put(fileName.endsWith(".sql") ? fileName.substring(0, fileName.length() - 4) : fileName,
                        new String(sql, StandardCharsets.UTF_8));
            }
            return steps;
        }

        private static byte[] driverJar(Template incoming, Map<String, byte[]> contents, Environment env)
                throws IOException {
            Library driver = incoming.libraries.stream().filter(l -> l.artifactId().equals("sqlite-jdbc"))
                    .findFirst().orElseThrow(() -> new Failure(Exit.MISSING_LIBRARY, incoming.file
                            + " carries no sqlite-jdbc library, which the upgrade needs"));
            byte[] packed = contents.get(driver.path());
            return packed != null ? packed : MavenRepo.jar(driver, env);
        }

        private static Connection connect(ClassLoader loader, Path live) throws SQLException {
            try {
                Driver driver = (Driver) Class.forName("org.sqlite.JDBC", true, loader).getDeclaredConstructor()
                        .newInstance();
                Connection db = driver.connect("jdbc:sqlite:" + live, new Properties());
                try (Statement statement = db.createStatement()) {
                    statement.execute("PRAGMA busy_timeout = 10000");
                }
                return db;
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new Failure(Exit.UNEXPECTED, "cannot load the SQLite driver of the new template: " + e);
            }
        }

        private static Path backup(Connection db, Home home, String version) throws IOException, SQLException {
            createPrivateFolders(home.backups());
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            String base = "parley-" + stamp + "-" + String.valueOf(version).replaceAll("[^A-Za-z0-9.+-]", "_");
            Path backup = home.backups().resolve(base + ".db");
            for (int n = 2; Files.exists(backup); n++) {
                backup = home.backups().resolve(base + "-" + n + ".db");
            }
            Files.createFile(backup); // VACUUM INTO fills an empty file; made private before it holds anything
            ownerOnly(backup);
            try (PreparedStatement vacuum = db.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, backup.toString());
                vacuum.execute();
            }
            return backup;
        }

        /** One transaction: the packed tables from the verified copy, upgrade notes and pin, pending schema steps. */
        private static List<String> swap(Connection db, Path verifiedCopy, Template current,
                Map<String, String> steps, String signer) throws SQLException {
            List<String> applied = new ArrayList<>();
            try (Statement sql = db.createStatement()) {
                try (PreparedStatement attach = db.prepareStatement("ATTACH DATABASE ? AS incoming")) {
                    attach.setString(1, verifiedCopy.toUri() + "?mode=ro&immutable=1");
                    attach.execute();
                }
                try {
                    sql.execute("BEGIN IMMEDIATE");
                    for (String table : PACKED_TABLES) { // constant names, never input
                        sql.executeUpdate("DELETE FROM main." + table);
                        sql.executeUpdate("INSERT INTO main." + table + " SELECT * FROM incoming." + table);
                    }
                    try (PreparedStatement note = db.prepareStatement(
                            "INSERT OR REPLACE INTO main.metadata(key, value) VALUES (?, ?)")) {
                        note.setString(1, "upgraded_from");
                        note.setString(2, current.version() + " (" + current.buildHash() + ")");
                        note.executeUpdate();
                        note.setString(1, "upgraded_at");
                        note.setString(2, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                        note.executeUpdate();
                        note.setString(1, Signature.PIN); // the metadata rows were just replaced: pin again
                        note.setString(2, signer);
                        note.executeUpdate();
                    }
                    sql.execute("CREATE TABLE IF NOT EXISTS main.migrations(name TEXT PRIMARY KEY, "
                            + "applied_at TEXT NOT NULL)");
                    Set<String> done = new HashSet<>();
                    try (ResultSet names = sql.executeQuery("SELECT name FROM main.migrations")) {
                        while (names.next()) {
                            done.add(names.getString(1));
                        }
                    }
                    for (Map.Entry<String, String> step : steps.entrySet()) {
                        if (!done.contains(step.getKey())) {
                            apply(db, step.getKey(), step.getValue());
                            applied.add(step.getKey());
                        }
                    }
                    sql.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    try {
                        sql.execute("ROLLBACK");
                    } catch (SQLException noTransaction) {
                        // BEGIN itself failed: nothing to roll back
                    }
                    throw e;
                } finally {
                    try {
                        sql.execute("DETACH DATABASE incoming");
                    } catch (SQLException ignored) {
                        // the connection closes right after anyway
                    }
                }
            }
            return applied;
        }

        private static void apply(Connection db, String name, String script) throws SQLException {
            // executeUpdate, not execute: sqlite-jdbc runs the whole script (triggers, comments, quoted ';')
            // through sqlite3_exec, where execute would run its first statement only.
            try (Statement statement = db.createStatement()) {
                statement.executeUpdate(script);
            } catch (SQLException e) {
                throw new SQLException("schema step " + name + ": " + e.getMessage(), e);
            }
            try (PreparedStatement record = db.prepareStatement(
                    "INSERT INTO main.migrations(name, applied_at) VALUES (?, ?)")) {
                record.setString(1, name);
                record.setString(2, Instant.now().toString());
                record.executeUpdate();
            }
        }
    }

    /** Semantic-version order: numeric core (missing parts are 0), a pre-release sorts before its release. */
    static final class Semver {
        private Semver() {}

        static int compare(String a, String b) {
            String[] x = split(a);
            String[] y = split(b);
            int core = compareParts(x[0].split("\\."), y[0].split("\\."), true);
            if (core != 0 || x[1] == null && y[1] == null) {
                return core;
            }
            if (x[1] == null || y[1] == null) {
                return x[1] == null ? 1 : -1;
            }
            return compareParts(x[1].split("\\."), y[1].split("\\."), false);
        }

        private static String[] split(String version) {
            String v = version == null ? "0" : version.strip().replaceFirst("^[vV]", "");
            int plus = v.indexOf('+');
            v = plus >= 0 ? v.substring(0, plus) : v; // build metadata does not order
            int dash = v.indexOf('-');
            return dash >= 0 ? new String[] {v.substring(0, dash), v.substring(dash + 1)} : new String[] {v, null};
        }

        private static int compareParts(String[] a, String[] b, boolean core) {
            for (int i = 0; i < Math.max(a.length, b.length); i++) {
                if (!core && (i >= a.length || i >= b.length)) {
                    return i >= a.length ? -1 : 1;
                }
                String p = i < a.length ? a[i] : "0";
                String q = i < b.length ? b[i] : "0";
                boolean pNumber = p.matches("[0-9]+");
                boolean qNumber = q.matches("[0-9]+");
                int order = pNumber && qNumber ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q))
                        : pNumber != qNumber ? (pNumber ? -1 : 1) : p.compareTo(q);
                if (order != 0) {
                    return Integer.signum(order);
                }
            }
            return 0;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Small helpers

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String hash12(String hash) { return hash == null ? "?" : hash.substring(0, Math.min(12, hash.length())); }
    private static String oneLine(String message) { return String.valueOf(message).replaceAll("\\s*\\R\\s*", " "); }
    private static Path sibling(Path file, String suffix) { return file.resolveSibling(file.getFileName() + suffix); }

    private static String joinPaths(List<Path> paths, String separator) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(separator));
    }

    private static int u16(byte[] bytes, int at) { return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff; }
    private static long u32(byte[] bytes, int at) { return (long) u16(bytes, at) << 16 | u16(bytes, at + 2); }

    /** Up to {@code length} bytes from {@code position}; fewer only at the end of the file. */
    private static byte[] readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.position() == length ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static void writeFile(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    private static void copyAtomically(Path source, Path target) throws IOException {
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".tmp");
        try {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            ownerOnly(temp); // databases hold every message and key hash: 0600 before they appear
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates a folder and its missing parents, each new one 0700 (its owner's alone). */
    static void createPrivateFolders(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (!Files.exists(absolute)) {
            if (absolute.getParent() != null) {
                createPrivateFolders(absolute.getParent());
            }
            Files.createDirectories(absolute);
            ownerOnly(absolute);
        }
    }

    /** A folder 0700, a file 0600, where the file system has POSIX permissions; nothing on Windows. */
    static void ownerOnly(Path path) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path)
                    ? "rwx------" : "rw-------"));
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
