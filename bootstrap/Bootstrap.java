// Bootstrap.java, stage 1 of 2: turns a Parley database file into a running hub with nothing but a JDK 17+.
//
//   sqlite3 parley.db "SELECT source_code FROM code_modules WHERE module_name='bootstrap'" > Bootstrap.java
//   java Bootstrap.java [--db FILE] [options] [-- hub arguments]      (--help lists every option)
//
// The source launcher compiles this file on every run, so it stays small (at most 400 lines) and does one thing:
// pick the database whose installer may run, check the installer against the database's signed manifest, build it
// once and call it in this JVM. The installer (stage 2: installer/ in the source tree, on the database's own
// sqlite-jdbc) does the rest with SQL: verify, install, extract, compile, launchers, list, JBang, upgrade, the hub.
// Which database: for --upgrade NEW.db a private copy of NEW.db alone (no -journal or -wal beside it can change what
// is checked), and only when its signer is the one the live database trusts or --trust names, so a forged template's
// code never runs; else the live database once there is one; else --db, ./parley.db or ./parley-template.db. No
// package: since JDK 22 the source launcher refuses a package that does not match the folder it runs from.

import java.io.*;
import java.lang.reflect.InvocationTargetException;
import java.net.*;
import java.nio.*;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.*;
import java.security.spec.X509EncodedKeySpec;
import java.util.*;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import javax.tools.*;

/** Stage 1 of the bootstrap: finds the database, checks and builds its installer, and runs it (see the top). */
public final class Bootstrap {
    /** The manifest format this file reads; a template of another format asks for its own Bootstrap.java. */
    static final String MANIFEST_FORMAT = "parley-manifest 1";
    /** Rows of the exit code table every Parley program shares (README "Exit codes"). */
    static final int UNEXPECTED = 1, USAGE = 2, NO_DATABASE = 3, VERIFICATION_FAILED = 4, COMPILE_FAILED = 5,
            MISSING_LIBRARY = 8;
    /** No packed file comes near this; a larger claim is a forgery, refused before anything is allocated. */
    static final long MAX_FILE_SIZE = 256L << 20;
    private static final String EXTRACT = "sqlite3 %s \"SELECT source_code FROM code_modules WHERE "
            + "module_name='bootstrap'\" > Bootstrap.java";
    /** One class loader per installer build, so a JVM that runs several commands (tests) loads each once. */
    private static final Map<Path, URLClassLoader> LOADERS = new HashMap<>();

    private Bootstrap() {}

    /** A failure the user can act on: one line on stderr and an exit code, never a stack trace. */
    @SuppressWarnings("serial")
    static final class Failure extends RuntimeException {
        final int code;
        Failure(int code, String message) { super(message); this.code = code; }
    }

    static void require(boolean ok, int code, String message) {
        if (!ok) {
            throw new Failure(code, message);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err));
    }

    /**
     * Runs stage 1, then the installer, in this JVM. {@code variables} is the environment; tests may add the keys
     * {@code user.home} and {@code os.name} to stand in for those system properties.
     *
     * @return the exit code: stage 1's, the installer's, or the hub's when it ran here and returned
     */
    public static int run(String[] args, Map<String, String> variables, Path cwd, PrintStream out, PrintStream err) {
        Map<String, String> env = new HashMap<>(Map.of("user.home", System.getProperty("user.home"), "os.name",
                System.getProperty("os.name")));
        variables.forEach((name, value) -> env.put(name, value == null || value.isBlank() ? env.get(name) : value));
        env.values().removeIf(Objects::isNull);
        Path scratch = null;
        try {
            Map<String, String> handover = new HashMap<>(Map.of("cwd", cwd.toString(), "user.home", env.get(
                    "user.home"), "os.name", env.get("os.name")));
            Map<String, String> flags = flags(args);
            boolean spaced = env.get("os.name").toLowerCase(Locale.ROOT).startsWith("windows")
                    && env.get("user.home").contains(" "); // too many Windows tools break on a space in the path
            Path home = cwd.resolve(env.getOrDefault("PARLEY_HOME", spaced ? "C:\\dev\\.parley"
                    : env.get("user.home") + "/.parley")).normalize();
            Path live = env.containsKey("PARLEY_DB") ? cwd.resolve(env.get("PARLEY_DB")).normalize()
                    : home.resolve("parley.db");
            Path source;
            Manifest manifest;
            if (flags.containsKey("--upgrade")) {
                Path incoming = cwd.resolve(flags.get("--upgrade")).normalize();
                require(Files.isRegularFile(live), NO_DATABASE, "nothing to upgrade: there is no database at " + live);
                require(Files.isRegularFile(incoming), NO_DATABASE, "no such template: " + incoming);
                require(!Files.isSameFile(live, incoming), USAGE, incoming + " is the live database itself");
                scratch = Files.createTempDirectory("parley-upgrade-"); // 0700: nobody else can swap the copy
                source = Files.copy(incoming, scratch.resolve(incoming.getFileName().toString()));
                Manifest current = Manifest.read(live, live, false);
                String trusted = current.metadata.getOrDefault("trusted_signer", current.signer);
                manifest = Manifest.read(source, incoming, false);
                String trust = flags.get("--trust");
                require(manifest.signer.equals(trusted) || manifest.signer.equals(trust), VERIFICATION_FAILED,
                        "refusing to upgrade: " + live + " trusts templates signed by " + trusted + ", but " + incoming
                        + " is signed by " + manifest.signer + (trust != null ? " (not " + trust + ")" : "")
                        + "; if you trust it: java Bootstrap.java --upgrade " + flags.get("--upgrade") + " --trust "
                        + manifest.signer);
                require(!manifest.text.isEmpty(), VERIFICATION_FAILED, incoming + " is unsigned: this bootstrap runs "
                        + "only signed code");
                handover.put("upgrade_source", incoming.toString());
            } else {
                String db = flags.get("--db");
                require(db == null || Files.isRegularFile(cwd.resolve(db)), NO_DATABASE, "no such database file: "
                        + cwd.resolve(String.valueOf(db)).normalize());
                source = Files.isRegularFile(live) ? live : (db != null ? Stream.of(db) : Stream.of("parley.db",
                        "parley-template.db")).map(name -> cwd.resolve(name).normalize()).filter(Files::isRegularFile)
                        .findFirst().orElse(null);
                require(source != null || !flags.containsKey("--help"), 0, "usage: java Bootstrap.java [--db FILE] "
                        + "[options] [-- hub arguments]; there is no Parley database here, so run this in the folder "
                        + "of parley.db or pass --db FILE (--help then lists every option)");
                require(source != null, NO_DATABASE, "no database: " + live + " does not exist and there is no "
                        + "parley.db or parley-template.db here; pass --db TEMPLATE.db");
                manifest = Manifest.read(source, source, true);
            }
            Path installers = cwd.resolve(env.getOrDefault("PARLEY_INSTALLER_CACHE", env.getOrDefault(
                    "PARLEY_WORKSPACE", home + "/workspace") + "/installer")).normalize();
            boolean quiet = flags.containsKey("quiet"); // --list, --verify, --extract print their own report only
            Path installer = Installer.build(source, manifest, installers, env, handover, quiet ? null : out);
            handover.putAll(Map.of("database", source.toString(), "manifest", manifest.text, "signer",
                    manifest.signer, "installer", installer.toString()));
            return Installer.run(installer, manifest.metadata.get("installer_class"), args, variables, handover,
                    out, err);
        } catch (Failure failure) {
            (failure.code == 0 ? out : err).println("parley-bootstrap: " + failure.getMessage()
                    .replaceAll("\\s*\\R\\s*", " "));
            return failure.code;
        } catch (Exception | LinkageError e) {
            err.println("parley-bootstrap: unexpected error: " + e + " (set PARLEY_DEBUG=1 for details)");
            if (env.containsKey("PARLEY_DEBUG")) {
                e.printStackTrace(err);
            }
            return UNEXPECTED;
        } finally {
            deleteTree(scratch);
        }
    }

    /** The flags stage 1 needs before {@code --} (the installer parses them all and reports mistakes). */
    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            int equals = args[i].indexOf('=');
            String name = args[i].startsWith("--") && equals > 0 ? args[i].substring(0, equals) : args[i];
            if (List.of("--db", "--upgrade", "--trust").contains(name)) {
                String value = equals > 0 ? args[i].substring(equals + 1)
                        : i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "";
                require(!value.isEmpty(), USAGE, name + " needs a value (see --help)");
                flags.put(name, value);
            } else if (List.of("--help", "-h", "--list", "--verify", "--extract").contains(name)) {
                flags.put(name.equals("-h") ? "--help" : name, "");
                flags.put("quiet", "");
            }
        }
        return flags;
    }

    /**
     * A database's signed manifest: the format line, then {@code file|library PATH SHA256 SIZE} and {@code meta KEY
     * VALUE} lines (fields escaped: {@code \\ \s \n \r}), checked against its Ed25519 signature, and parsed.
     */
    record Manifest(String text, String signer, Map<String, String[]> files, Map<String, String> metadata) {
        /** Reads and checks {@code file}'s manifest; unless {@code required}, one without any is "unsigned". */
        static Manifest read(Path file, Path shown, boolean required) throws IOException {
            Map<String, String> rows = new HashMap<>();
            try (SqliteFile db = SqliteFile.open(file, shown)) {
                db.scan("metadata", row -> rows.put(String.valueOf(row[0]), String.valueOf(row[1])));
            }
            Map<String, String> metadata = new TreeMap<>(); // the signed meta lines, and the trusted_signer pin
            if (rows.containsKey("trusted_signer")) {
                metadata.put("trusted_signer", rows.get("trusted_signer"));
            }
            String text = rows.get("manifest");
            if (!required && Stream.of("manifest", "manifest_signature", "signer_key").noneMatch(rows::containsKey)) {
                return new Manifest("", "unsigned", Map.of(), metadata);
            }
            require(text != null && rows.containsKey("manifest_signature") && rows.containsKey("signer_key"),
                    VERIFICATION_FAILED, shown + " carries no complete signed manifest (made before signing, or its "
                    + "signature was stripped): this bootstrap runs only signed code; an older database has its own "
                    + "Bootstrap.java: " + String.format(EXTRACT, shown));
            require(text.startsWith(MANIFEST_FORMAT + "\n"), VERIFICATION_FAILED, shown + " has a manifest of format '"
                    + text.lines().findFirst().orElse("") + "'; this Bootstrap.java reads '" + MANIFEST_FORMAT
                    + "': update your Bootstrap.java from that template: " + String.format(EXTRACT, shown));
            String signer;
            try {
                byte[] key = Base64.getDecoder().decode(rows.get("signer_key"));
                Signature check = Signature.getInstance("Ed25519");
                check.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(key)));
                check.update(text.getBytes(StandardCharsets.UTF_8));
                signer = "ed25519:" + sha256(Arrays.copyOfRange(key, key.length - 32, key.length)).substring(0, 16);
                require(check.verify(Base64.getDecoder().decode(rows.get("manifest_signature"))), VERIFICATION_FAILED,
                        shown + ": the signature by " + signer + " does not match its manifest: tampered?");
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new Failure(VERIFICATION_FAILED, shown + " has an unreadable signature or key (" + e.getMessage()
                        + "): tampered?");
            }
            Map<String, String[]> files = new TreeMap<>(); // path -> {sha256, size}
            for (String line : text.substring(MANIFEST_FORMAT.length() + 1).split("\n")) {
                String[] f = line.split(" ");
                for (int i = 1; i < f.length; i++) {
                    f[i] = f[i].replace("\\s", " ").replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\");
                }
                if (f.length == 4 && (f[0].equals("file") || f[0].equals("library"))) {
                    files.put(f[1], new String[] {f[2], f[3]});
                } else if (f.length == 3 && f[0].equals("meta")) {
                    metadata.put(f[1], f[2]);
                }
            }
            return new Manifest(text, signer, files, metadata);
        }
    }

    /** The installer: built once per set of inputs from verified bytes, then called in this JVM. */
    static final class Installer {
        /**
         * The installer's folder ({@code classes/}, {@code sqlite-jdbc.jar}), named by the sha256 of the manifest
         * lines it is built from (templates with the same installer share one build); built when missing.
         */
        static Path build(Path db, Manifest manifest, Path installers, Map<String, String> env,
                Map<String, String> handover, PrintStream out) throws IOException {
            String className = manifest.metadata.get("installer_class");
            String paths = manifest.metadata.get("installer_paths");
            String jar = manifest.metadata.get("installer_classpath");
            String release = manifest.metadata.getOrDefault("java_release", "17");
            require(className != null && paths != null && manifest.files.containsKey(jar), NO_DATABASE, db + " carries"
                    + " no installer (made before the two-stage bootstrap): use its own Bootstrap.java: "
                    + String.format(EXTRACT, db));
            require(release.matches("[0-9]{1,3}") && jar.startsWith("lib/"), VERIFICATION_FAILED, db + " names an "
                    + "odd java_release or installer class path");
            Map<String, String[]> inputs = new TreeMap<>(Map.of(jar, manifest.files.get(jar)));
            manifest.files.forEach((path, entry) -> {
                if (path.endsWith(".java") && Stream.of(paths.split(" ")).anyMatch(path::startsWith)) {
                    inputs.put(path, entry);
                }
            });
            StringBuilder key = new StringBuilder(className).append('\n').append(release).append('\n');
            inputs.forEach((path, entry) -> key.append(path).append(' ').append(entry[0]).append('\n'));
            Path dir = installers.resolve(sha256(key.toString().getBytes(StandardCharsets.UTF_8)));
            if (Files.isRegularFile(dir.resolve(".built"))) {
                return dir;
            }
            Path temp = Files.createTempDirectory(Files.createDirectories(dir.getParent()), ".tmp-");
            try {
                Map<String, byte[]> found = new HashMap<>();
                try (SqliteFile file = SqliteFile.open(db, db)) {
                    file.scan("sqlar", row -> {
                        if (inputs.containsKey(String.valueOf(row[0]))) {
                            found.put((String) row[0], unpack((String) row[0], row, inputs.get((String) row[0])));
                        }
                    });
                }
                if (!found.containsKey(jar)) { // a lean template: the driver comes from the local Maven repository
                    Path repo = Path.of(handover.get("cwd")).resolve(env.getOrDefault("PARLEY_MAVEN_REPO",
                            handover.get("user.home") + "/.m2/repository"));
                    Path local = repo.resolve(jar.substring("lib/".length()));
                    require(Files.isRegularFile(local), MISSING_LIBRARY, jar + " is not packed in this lean template"
                            + " and not in " + repo + "; set PARLEY_MAVEN_REPO or use a full template");
                    found.put(jar, checked(local.toString(), Files.readAllBytes(local), inputs.get(jar)));
                }
                List<String> sources = new ArrayList<>();
                for (String path : inputs.keySet()) {
                    require(found.containsKey(path), VERIFICATION_FAILED, path + " is in the manifest but not packed");
                    require(path.matches("[A-Za-z0-9_.$-]+(/[A-Za-z0-9_.$-]+)*") && !path.contains(".."),
                            VERIFICATION_FAILED, "unsafe installer path '" + path + "'");
                    Path target = temp.resolve(path.equals(jar) ? "sqlite-jdbc.jar" : "src/" + path);
                    Files.write(Files.createDirectories(target.getParent()).resolve(target.getFileName()),
                            found.get(path));
                    if (!path.equals(jar)) {
                        sources.add(target.toString());
                    }
                }
                JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
                require(javac != null, COMPILE_FAILED, "this Java has no compiler: install a JDK " + release + "+");
                if (out != null) {
                    out.println("building the installer (" + sources.size() + " files, once per release) ...");
                }
                StringWriter errors = new StringWriter();
                boolean ok = javac.getTask(errors, null, null, List.of("--release", release, "-proc:none", "-encoding",
                        "UTF-8", "-nowarn", "-d", temp.resolve("classes").toString(), "-cp", temp.resolve(
                        "sqlite-jdbc.jar").toString()), null, javac.getStandardFileManager(null, null,
                        StandardCharsets.UTF_8).getJavaFileObjectsFromStrings(sources)).call();
                require(ok, COMPILE_FAILED, "the installer does not compile: " + errors.toString().strip().lines()
                        .limit(3).reduce((a, b) -> a + " | " + b).orElse(""));
                Files.writeString(temp.resolve(".built"), key);
                try {
                    Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) { // another bootstrap built the same installer first: use theirs
                    require(Files.isRegularFile(dir.resolve(".built")), UNEXPECTED, "cannot build " + dir + ": " + raced);
                }
            } finally {
                deleteTree(temp);
            }
            return dir;
        }

        /** Calls {@code className.run(args, variables, handover, out, err)} through the installer's class loader. */
        static int run(Path dir, String className, String[] args, Map<String, String> variables,
                Map<String, String> handover, PrintStream out, PrintStream err) throws Exception {
            URLClassLoader loader;
            synchronized (LOADERS) {
                loader = LOADERS.get(dir);
                if (loader == null) {
                    loader = new URLClassLoader("parley-installer", new URL[] {dir.resolve("classes/").toUri().toURL(),
                            dir.resolve("sqlite-jdbc.jar").toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                    LOADERS.put(dir, loader);
                }
            }
            ClassLoader caller = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader); // left open: the hub may run on from here
            try {
                return (Integer) loader.loadClass(className).getMethod("run", String[].class, Map.class, Map.class,
                        PrintStream.class, PrintStream.class).invoke(null, args, variables, handover, out, err);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } finally {
                Thread.currentThread().setContextClassLoader(caller);
            }
        }
    }

    /** A sqlar row's verified content: a regular file, sz as listed, sizes checked before allocating, sha256. */
    static byte[] unpack(String path, Object[] row, String[] listed) {
        long size = row[3] instanceof Long s ? s : -1;
        byte[] data = row[4] instanceof byte[] b ? b : String.valueOf(row[4]).getBytes(StandardCharsets.UTF_8);
        require(row[1] instanceof Long mode && (mode & 0170000) == 0100000, VERIFICATION_FAILED, "sqlar entry '" + path
                + "' is not a regular file");
        require(size == Long.parseLong(listed[1]) && size <= MAX_FILE_SIZE && size <= data.length * 1032L + 1024,
                VERIFICATION_FAILED, path + " has an impossible or unlisted size " + size + " (tampered?)");
        try (InputStream inflated = new InflaterInputStream(new ByteArrayInputStream(data))) {
            data = data.length < size ? inflated.readNBytes((int) size) : data; // zlib when smaller, as sqlar stores
        } catch (IOException e) {
            throw new Failure(VERIFICATION_FAILED, path + " does not decompress (tampered?)");
        }
        return checked(path, data, listed);
    }

    private static byte[] checked(String path, byte[] content, String[] listed) {
        require(content.length == Long.parseLong(listed[1]) && sha256(content).equals(listed[0]), VERIFICATION_FAILED,
                path + " does not match its sha256/size in the signed manifest (tampered?)");
        return content;
    }

    /**
     * A read-only reader of the SQLite format (sqlite.org/fileformat2.html), enough for rowid tables: b-tree pages,
     * records, overflow chains, and the committed frames of a {@code -wal} (salts and running checksum valid, up to
     * the last commit frame), so a file left behind by a killed writer reads as SQLite would read it.
     */
    static final class SqliteFile implements AutoCloseable {
        private final Path shown;
        private final FileChannel file;
        private final Map<Long, Long> walPages = new HashMap<>(); // page number -> offset of its newest copy
        private FileChannel wal;
        private int pageSize;
        private int usable;
        private long pages;

        private SqliteFile(Path shown, FileChannel file) { this.shown = shown; this.file = file; }

        static SqliteFile open(Path path, Path shown) throws IOException {
            require(Files.isRegularFile(path), NO_DATABASE, "no such database file: " + shown);
            SqliteFile db = new SqliteFile(shown, FileChannel.open(path));
            try {
                Path walFile = path.resolveSibling(path.getFileName() + "-wal");
                db.wal = Files.isRegularFile(walFile) ? FileChannel.open(walFile) : null;
                if (db.wal == null || !db.readWal()) {
                    byte[] head = read(db.file, 0, 100);
                    db.pageSize = head.length < 100 ? 0 : u16(head, 16) == 1 ? 65536 : u16(head, 16);
                    db.pages = db.file.size() / Math.max(db.pageSize, 1);
                }
                byte[] first = db.page(1);
                require(new String(first, 0, 16, StandardCharsets.ISO_8859_1).equals("SQLite format 3\0"), NO_DATABASE,
                        shown + " is not a SQLite database");
                db.usable = db.pageSize - (first[20] & 0xff);
                return db;
            } catch (IOException | RuntimeException e) {
                db.close();
                throw e instanceof Failure f ? f : new Failure(NO_DATABASE, shown + " is not a readable database: " + e);
            }
        }

        /** Indexes the committed frames of the -wal; false when it has none SQLite would apply. */
        private boolean readWal() throws IOException {
            byte[] header = read(wal, 0, 32);
            int magic = header.length < 32 ? 0 : (int) u32(header, 0);
            int size = magic == 0 ? 0 : (int) u32(header, 8);
            boolean big = (magic & 1) == 1; // the magic's low bit says in which byte order the words are summed
            int[] sum = checksum(header, 0, 24, big, new int[2]);
            if (magic >>> 1 != 0x377f0682 >>> 1 || size < 512 || size > 65536 || Integer.bitCount(size) != 1
                    || sum[0] != (int) u32(header, 24) || sum[1] != (int) u32(header, 28)) {
                return false;
            }
            Map<Long, Long> pending = new HashMap<>();
            for (long at = 32; at + 24 + size <= wal.size(); at += 24 + size) {
                byte[] frame = read(wal, at, 24 + size);
                sum = checksum(frame, 24, size, big, checksum(frame, 0, 8, big, sum));
                if (u32(frame, 0) == 0 || !Arrays.equals(frame, 8, 16, header, 16, 24)
                        || sum[0] != (int) u32(frame, 16) || sum[1] != (int) u32(frame, 20)) {
                    break; // a torn write or a frame of an earlier WAL generation: the committed part ends here
                }
                pending.put(u32(frame, 0), at + 24);
                if (u32(frame, 4) != 0) { // a commit frame, which carries the database's size in pages
                    walPages.putAll(pending);
                    pending.clear();
                    pageSize = size;
                    pages = u32(frame, 4);
                }
            }
            return !walPages.isEmpty();
        }

        /** SQLite's WAL checksum over 32-bit words: s0 += x[i] + s1; s1 += x[i+1] + s0. */
        private static int[] checksum(byte[] bytes, int offset, int length, boolean big, int[] sum) {
            ByteBuffer words = ByteBuffer.wrap(bytes).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int[] s = sum.clone();
            for (int i = offset; i + 8 <= offset + length; i += 8) {
                s[0] += words.getInt(i) + s[1];
                s[1] += words.getInt(i + 4) + s[0];
            }
            return s;
        }

        private byte[] page(long number) throws IOException {
            require(pageSize >= 512 && pageSize <= 65536 && Integer.bitCount(pageSize) == 1 && number >= 1
                    && number <= pages, NO_DATABASE, shown + " is damaged or not a SQLite database (page " + number + ")");
            Long inWal = walPages.get(number);
            byte[] page = inWal != null ? read(wal, inWal, pageSize) : read(file, (number - 1) * pageSize, pageSize);
            require(page.length == pageSize, NO_DATABASE, shown + " is cut short at page " + number);
            return page;
        }

        /** Calls {@code visitor} with the values of every row of {@code table}, found in sqlite_schema. */
        void scan(String table, Consumer<Object[]> visitor) throws IOException {
            long[] root = {0};
            walk(1, 0, row -> root[0] = "table".equals(row[0]) && table.equals(row[1]) && row[3] instanceof Long page
                    ? page : root[0]);
            require(root[0] != 0, NO_DATABASE, shown + " is not a Parley database (no table " + table + ")");
            walk(root[0], 0, visitor);
        }

        /** Interior table pages (0x05) point down, then right; leaf cells (0x0D) hold payload size, rowid, record. */
        private void walk(long number, int depth, Consumer<Object[]> visitor) throws IOException {
            byte[] page = page(number);
            int at = number == 1 ? 100 : 0;
            int type = page[at];
            int pointers = at + (type == 0x05 ? 12 : 8);
            int cells = u16(page, at + 3);
            require(depth <= 20 && (type == 0x05 || type == 0x0D) && pointers + 2 * cells <= usable, NO_DATABASE,
                    shown + " is damaged (page " + number + ")");
            for (int i = 0; i < cells; i++) {
                int[] position = {u16(page, pointers + 2 * i)};
                require(position[0] >= pointers && position[0] < usable - 4, NO_DATABASE, shown + " is damaged (page "
                        + number + ")");
                if (type == 0x05) {
                    walk(u32(page, position[0]), depth + 1, visitor);
                } else {
                    long size = varint(page, position);
                    varint(page, position); // the rowid
                    visitor.accept(record(payload(page, position[0], size)));
                }
            }
            if (type == 0x05) {
                walk(u32(page, at + 8), depth + 1, visitor);
            }
        }

        /** The part of a payload stored on its page, then its overflow chain (next page number, U - 4 bytes). */
        private byte[] payload(byte[] page, int start, long size) throws IOException {
            int total = (int) Math.min(size, Integer.MAX_VALUE);
            int min = (usable - 12) * 32 / 255 - 23;
            int spill = min + (total - min) % (usable - 4);
            int local = total <= usable - 35 ? total : spill <= usable - 35 ? spill : min;
            require(size >= 0 && size <= MAX_FILE_SIZE + 65536 && size <= pages * usable && start + local
                    + (local < total ? 4 : 0) <= usable, NO_DATABASE, shown + " is damaged (a payload)");
            byte[] payload = Arrays.copyOfRange(page, start, start + total);
            long next = local < total ? u32(page, start + local) : 0;
            for (int filled = local, hops = 0; filled < total; filled += usable - 4, hops++) {
                require(hops <= pages, NO_DATABASE, shown + " is damaged (an overflow loop)");
                byte[] overflow = page(next);
                System.arraycopy(overflow, 4, payload, filled, Math.min(usable - 4, total - filled));
                next = u32(overflow, 0);
            }
            return payload;
        }

        /** A record: a header of serial types, then the values (integers, floats, texts, blobs). */
        private Object[] record(byte[] record) {
            int[] position = {0};
            int header = (int) varint(record, position);
            List<Object> values = new ArrayList<>();
            for (int at = header; position[0] < header; ) {
                long type = varint(record, position);
                int length = type >= 12 ? (int) ((type - 12) / 2) : type >= 0 && type < 10
                        ? new int[] {0, 1, 2, 3, 4, 6, 8, 8, 0, 0}[(int) type] : -1;
                require(length >= 0 && length <= record.length - at && header <= record.length, NO_DATABASE, shown
                        + " is damaged (a record)");
                long number = type == 9 ? 1 : 0;
                for (int b = 0; type >= 1 && type <= 7 && b < length; b++) {
                    number = b == 0 ? record[at] : number << 8 | record[at + b] & 0xff; // big-endian, signed
                }
                values.add(type == 0 ? null : type == 7 ? Double.longBitsToDouble(number) : type < 12 ? (Object) number
                        : type % 2 == 0 ? Arrays.copyOfRange(record, at, at + length)
                        : new String(record, at, length, StandardCharsets.UTF_8));
                at += length;
            }
            return values.toArray();
        }

        /** A SQLite varint: 1 to 9 bytes, big-endian, 7 bits a byte, the ninth byte whole. */
        private static long varint(byte[] bytes, int[] position) {
            long value = 0;
            for (int i = 0; i < 9; i++) {
                int b = bytes[position[0]++] & 0xff;
                value = i == 8 ? value << 8 | b : value << 7 | b & 0x7f;
                if (i < 8 && b < 0x80) {
                    break;
                }
            }
            return value;
        }

        @Override
        public void close() throws IOException {
            try (FileChannel main = file; FileChannel log = wal) { // closes both; a missing -wal is null
                walPages.clear();
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static int u16(byte[] bytes, int at) { return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff; }
    private static long u32(byte[] bytes, int at) { return (long) u16(bytes, at) << 16 | u16(bytes, at + 2); }

    /** Up to {@code length} bytes from {@code position}; fewer only at the end of the file. */
    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
            // until full, or the end of the file
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = root == null || !Files.exists(root) ? Stream.empty() : Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
