// Bootstrap.java, stage 1 of 2: turns a Parley database file into a running hub with nothing but a JDK 17+.
//
//   sqlite3 parley.db "SELECT source_code FROM code_modules WHERE module_name='bootstrap'" > Bootstrap.java
//   java Bootstrap.java [--db FILE] [options] [-- hub arguments]      (--help lists every option)
//
// The source launcher compiles this file on every run, so it stays small (at most 400 lines) and does one thing:
// pick the database (the live one, else --db, ./parley.db or ./parley-template.db), check its installer against the
// signed manifest, build it once and call it in this JVM. The installer (stage 2: installer/, on the database's own
// sqlite-jdbc) does the rest with SQL, --upgrade included. No package: since JDK 22 the source launcher refuses a
// package that does not match the folder it runs from.

import java.io.*;
import java.lang.invoke.*;
import java.net.*;
import java.nio.*;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.security.*;
import java.security.spec.X509EncodedKeySpec;
import java.util.*;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import javax.tools.*;
import static java.nio.charset.StandardCharsets.*;

/** Stage 1 of the bootstrap: finds the database, checks and builds its installer, and runs it (see the top). */
public final class Bootstrap {
    static final String MANIFEST_FORMAT = "parley-manifest 1"; // another format asks for its own Bootstrap.java
    static final int UNEXPECTED = 1, USAGE = 2, NO_DATABASE = 3, VERIFICATION_FAILED = 4, COMPILE_FAILED = 5,
            MISSING_LIBRARY = 8; // rows of the exit code table every Parley program shares (README "Exit codes")
    static final long MAX_FILE_SIZE = 256L << 20; // no packed file comes near it: a larger claim is a forgery
    private static final String EXTRACT = "sqlite3 %s \"SELECT source_code FROM code_modules WHERE "
            + "module_name='bootstrap'\" > Bootstrap.java";
    private static final Map<Path, URLClassLoader> LOADERS = new HashMap<>(); // one per build: tests run many in a JVM
    private Bootstrap() {}
    /** A failure the user can act on: one line on stderr and an exit code, never a stack trace. */
    @SuppressWarnings("serial") static final class Failure extends RuntimeException {
        final int code;
        Failure(int code, String message) { super(message); this.code = code; }
    }
    static void require(boolean ok, int code, String message) { if (!ok) throw new Failure(code, message); }
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err));
    }

    /** Runs both stages in this JVM; {@code variables} may stand in for {@code user.home} and {@code os.name}. */
    public static int run(String[] args, Map<String, String> variables, Path cwd, PrintStream out, PrintStream err) {
        Map<String, String> env = new HashMap<>(Map.of("user.home", System.getProperty("user.home"), "os.name",
                System.getProperty("os.name")));
        variables.forEach((name, value) -> env.compute(name, (k, v) -> value == null || value.isBlank() ? v : value));
        try {
            List<String> own = List.of(args).subList(0, List.of(args).contains("--") ? List.of(args).indexOf("--")
                    : args.length); // stage 1's arguments; the installer parses them all and reports mistakes
            boolean help = own.contains("--help") || own.contains("-h");
            boolean spaced = env.get("os.name").toLowerCase(Locale.ROOT).startsWith("windows")
                    && env.get("user.home").contains(" "); // too many Windows tools break on a space in the path
            Path home = cwd.resolve(env.getOrDefault("PARLEY_HOME", spaced ? "C:\\dev\\.parley"
                    : env.get("user.home") + "/.parley")).normalize();
            Path live = cwd.resolve(env.getOrDefault("PARLEY_DB", home.resolve("parley.db").toString())).normalize();
            String db = value(own, "--db");
            Path source = Files.isRegularFile(live) ? live : (db != null ? Stream.of(db) : Stream.of("parley.db",
                    "parley-template.db")).map(name -> cwd.resolve(name).normalize()).filter(Files::isRegularFile)
                    .findFirst().orElse(null);
            require(source != null, help ? 0 : NO_DATABASE, db != null ? "no such database "
                    + "file: " + cwd.resolve(db).normalize() : value(own, "--upgrade") != null ? "nothing to upgrade: "
                    + "there is no database at " + live : "usage: java Bootstrap.java [--db FILE] [options] [-- hub "
                    + "arguments]; there is no database: " + live + " does not exist and there is no parley.db or "
                    + "parley-template.db here: run this in their folder or pass --db FILE (--help lists options)");
            Manifest manifest = Manifest.read(source);
            Path cache = cwd.resolve(env.getOrDefault("PARLEY_INSTALLER_CACHE", env.getOrDefault("PARLEY_WORKSPACE",
                    home + "/workspace") + "/installer")).normalize();
            Path installer = build(source, manifest, cache, cwd.resolve(env.getOrDefault("PARLEY_MAVEN_REPO",
                    env.get("user.home") + "/.m2/repository")), help || own.contains("--list")
                    || own.contains("--verify") || own.contains("--extract") ? null : out); // they print a report only
            Map<String, String> handover = Map.of("cwd", cwd.toString(), "user.home", env.get("user.home"), "os.name",
                    env.get("os.name"), "database", source.toString(), "manifest", manifest.text, "signer",
                    manifest.signer, "installer", installer.toString());
            return (int) MethodHandles.publicLookup().findStatic(loader(installer).loadClass(manifest.metadata.get(
                    "installer_class")), "run", MethodType.methodType(int.class, String[].class, Map.class, Map.class,
                    PrintStream.class, PrintStream.class)).invoke(args, variables, handover, out, err);
        } catch (Failure failure) {
            (failure.code == 0 ? out : err).println("parley-bootstrap: " + failure.getMessage().replace('\n', ' '));
            return failure.code;
        } catch (Throwable e) {
            err.println("parley-bootstrap: unexpected error: " + e + " (set PARLEY_DEBUG=1 for details)");
            if (env.containsKey("PARLEY_DEBUG")) e.printStackTrace(err);
            return UNEXPECTED;
        }
    }

    /** The value of {@code NAME V} or {@code NAME=V} among stage 1's own arguments, or null without it. */
    private static String value(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name) || args.get(i).startsWith(name + "=")) {
                String value = args.get(i).length() > name.length() ? args.get(i).substring(name.length() + 1)
                        : i + 1 < args.size() && !args.get(i + 1).startsWith("--") ? args.get(i + 1) : "";
                require(!value.isEmpty(), USAGE, name + " needs a value (see --help)");
                return value;
            }
        }
        return null;
    }

    /**
     * A database's signed manifest: the format line, then {@code file|library PATH SHA256 SIZE} and {@code meta KEY
     * VALUE} lines (fields escaped: {@code \\ \s \n \r}), checked against its Ed25519 signature, and parsed.
     */
    record Manifest(String text, String signer, Map<String, String[]> files, Map<String, String> metadata) {
        static Manifest read(Path file) throws IOException {
            Map<String, String> rows = new HashMap<>();
            try (SqliteFile db = SqliteFile.open(file)) {
                db.scan("metadata", row -> rows.put(String.valueOf(row[0]), String.valueOf(row[1])));
            }
            String text = rows.get("manifest");
            require(text != null && rows.containsKey("manifest_signature") && rows.containsKey("signer_key"),
                    VERIFICATION_FAILED, file + " carries no complete signed manifest (older, or stripped): this "
                    + "bootstrap runs only signed code; an older database has its own " + String.format(EXTRACT, file));
            require(text.startsWith(MANIFEST_FORMAT + "\n"), VERIFICATION_FAILED, file + " has a manifest of format '"
                    + text.lines().findFirst().orElse("") + "'; this Bootstrap.java reads '" + MANIFEST_FORMAT
                    + "': update your Bootstrap.java from that template: " + String.format(EXTRACT, file));
            String signer;
            try {
                byte[] key = Base64.getDecoder().decode(rows.get("signer_key"));
                Signature check = Signature.getInstance("Ed25519");
                check.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(key)));
                check.update(text.getBytes(UTF_8));
                signer = "ed25519:" + sha256(Arrays.copyOfRange(key, key.length - 32, key.length)).substring(0, 16);
                require(check.verify(Base64.getDecoder().decode(rows.get("manifest_signature"))), VERIFICATION_FAILED,
                        file + ": the signature by " + signer + " does not match its manifest: tampered?");
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new Failure(VERIFICATION_FAILED, file + " has an unreadable signature or key (tampered?): " + e);
            }
            Map<String, String[]> files = new TreeMap<>(); // path -> {sha256, size}
            Map<String, String> metadata = new TreeMap<>();
            for (String line : text.substring(MANIFEST_FORMAT.length() + 1).split("\n")) {
                String[] f = Stream.of(line.split(" ")).map(field -> field.replace("\\s", " ").replace("\\n", "\n")
                        .replace("\\r", "\r").replace("\\\\", "\\")).toArray(String[]::new);
                if (f.length == 4) files.put(f[1], new String[] {f[2], f[3]}); // file|library PATH SHA256 SIZE
                if (f.length == 3 && f[0].equals("meta")) metadata.put(f[1], f[2]);
            }
            return new Manifest(text, signer, files, metadata);
        }
    }

    /**
     * The installer's folder in {@code cache} ({@code classes/}, {@code sqlite-jdbc.jar}), named by the sha256 of the
     * lines it is built from, so templates with one installer share a build (as dev.parley.installer.InstallerBuild).
     */
    static Path build(Path db, Manifest manifest, Path cache, Path mavenRepo, PrintStream out) throws Exception {
        Map<String, String> meta = manifest.metadata;
        String className = meta.get("installer_class"), paths = meta.get("installer_paths");
        String jar = "" + meta.get("installer_classpath"), release = String.valueOf(meta.get("java_release"));
        require(className != null && paths != null && manifest.files.containsKey(jar), NO_DATABASE, db + " has no "
                + "installer (made before the two-stage bootstrap): use its own: " + String.format(EXTRACT, db));
        Map<String, String[]> inputs = new TreeMap<>(Map.of(jar, manifest.files.get(jar)));
        manifest.files.forEach((path, entry) -> inputs.putAll(path.endsWith(".java") && Stream.of(paths.split(" "))
                .anyMatch(path::startsWith) ? Map.of(path, entry) : Map.of()));
        require(release.matches("[0-9]{1,3}") && jar.startsWith("lib/") && inputs.keySet().stream().allMatch(
                path -> path.matches("[A-Za-z0-9_.$-]+(/[A-Za-z0-9_.$-]+)*") && !path.contains("..")),
                VERIFICATION_FAILED, db + " names an odd java_release or an unsafe installer path");
        StringBuilder key = new StringBuilder(className + "\n" + release + "\n");
        inputs.forEach((path, entry) -> key.append(path).append(' ').append(entry[0]).append('\n'));
        Path dir = cache.resolve(sha256(key.toString().getBytes(UTF_8)));
        if (Files.isRegularFile(dir.resolve(".built"))) return dir;
        Path temp = Files.createTempDirectory(Files.createDirectories(dir.getParent()), ".tmp-");
        try {
            Map<String, Object[]> rows = new HashMap<>();
            try (SqliteFile file = SqliteFile.open(db)) {
                file.scan("sqlar", row -> rows.put(String.valueOf(row[0]), inputs.containsKey(row[0]) ? row : null));
            }
            Path local = mavenRepo.resolve(jar.substring("lib/".length())); // a lean template's driver, checked alike
            List<String> sources = new ArrayList<>();
            for (String path : inputs.keySet()) {
                boolean lean = path.equals(jar) && rows.get(path) == null;
                require(rows.get(path) != null || lean && Files.isRegularFile(local), lean ? MISSING_LIBRARY
                        : VERIFICATION_FAILED, path + " is not packed" + (lean ? " in this lean template and not in "
                        + mavenRepo + "; set PARLEY_MAVEN_REPO or use a full template" : ""));
                Path target = temp.resolve(path.equals(jar) ? "sqlite-jdbc.jar" : "src/" + path);
                Files.createDirectories(target.getParent());
                Files.write(target, lean ? checked(local.toString(), Files.readAllBytes(local), inputs.get(path))
                        : unpack(path, rows.get(path), inputs.get(path)));
                if (!path.equals(jar)) sources.add(target.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            require(javac != null, COMPILE_FAILED, "this Java has no compiler: install a JDK " + release + "+");
            if (out != null) out.println("building the installer (" + sources.size() + " files, once per release) ...");
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            sources.addAll(0, List.of("--release", release, "-proc:none", "-encoding", "UTF-8", "-nowarn", "-d", temp
                    .resolve("classes").toString(), "-cp", temp.resolve("sqlite-jdbc.jar").toString()));
            require(javac.run(null, errors, errors, sources.toArray(String[]::new)) == 0, COMPILE_FAILED, "the "
                    + "installer does not compile: " + errors.toString().strip().lines().limit(3).reduce((a, b) -> a
                    + " | " + b).orElse(""));
            Files.writeString(temp.resolve(".built"), key);
            try {
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) { // another bootstrap built the same installer first: use theirs
                require(Files.isRegularFile(dir.resolve(".built")), UNEXPECTED, "cannot build " + dir + ": " + raced);
            }
        } finally {
            try (Stream<Path> walk = Files.exists(temp) ? Files.walk(temp) : Stream.empty()) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return dir;
    }
    /** The installer's class loader (left open: the hub may run on from it), one per build and JVM. */
    static synchronized URLClassLoader loader(Path dir) throws IOException {
        URLClassLoader loader = LOADERS.get(dir);
        if (loader == null) LOADERS.put(dir, loader = new URLClassLoader("parley-installer", new URL[] {dir.resolve(
                "classes/").toUri().toURL(), dir.resolve("sqlite-jdbc.jar").toUri().toURL()}, ClassLoader
                .getPlatformClassLoader()));
        return loader;
    }

    /** A sqlar row's verified content: a regular file, sz as listed, sizes checked before allocating, sha256. */
    static byte[] unpack(String path, Object[] row, String[] listed) throws GeneralSecurityException {
        long size = row[3] instanceof Long s ? s : -1;
        byte[] data = row[4] instanceof byte[] b ? b : String.valueOf(row[4]).getBytes(UTF_8);
        require(row[1] instanceof Long mode && (mode & 0170000) == 0100000, VERIFICATION_FAILED, "sqlar entry '" + path
                + "' is not a regular file");
        require(size == Long.parseLong(listed[1]) && size <= MAX_FILE_SIZE && size <= data.length * 1032L + 1024,
                VERIFICATION_FAILED, path + " has an impossible or unlisted size " + size + " (tampered?)");
        try (InputStream inflated = new InflaterInputStream(new ByteArrayInputStream(data))) {
            return checked(path, data.length < size ? inflated.readNBytes((int) size) : data, listed); // zlib if less
        } catch (IOException e) {
            throw new Failure(VERIFICATION_FAILED, path + " does not decompress (tampered?)");
        }
    }
    private static byte[] checked(String path, byte[] content, String[] listed) throws GeneralSecurityException {
        require(content.length == Long.parseLong(listed[1]) && sha256(content).equals(listed[0]), VERIFICATION_FAILED,
                path + " does not match its sha256/size in the signed manifest (tampered?)");
        return content;
    }
    /**
     * A read-only reader of the SQLite format (sqlite.org/fileformat2.html), enough for rowid tables: b-tree pages,
     * records, overflow chains, and the committed frames of a {@code -wal} (salts and running checksum valid, up to
     * the last commit frame), so a file left behind by a killed writer reads as SQLite would read it. Damage is a
     * {@link Failure}: bounds are checked where a bad value could allocate or loop, the rest by the JVM.
     */
    static final class SqliteFile implements AutoCloseable {
        private final Path path;
        private final FileChannel file, wal; // wal is null without a -wal file
        private final Map<Long, Long> walPages = new HashMap<>(); // page number -> offset of its newest copy
        private int pageSize, usable;
        private long pages;
        private SqliteFile(Path path, Path wal) throws IOException {
            this.path = path;
            this.file = FileChannel.open(path);
            this.wal = Files.isRegularFile(wal) ? FileChannel.open(wal) : null;
        }
        static SqliteFile open(Path path) throws IOException {
            require(Files.isRegularFile(path), NO_DATABASE, "no such database file: " + path);
            SqliteFile db = new SqliteFile(path, path.resolveSibling(path.getFileName() + "-wal"));
            try {
                byte[] head = read(db.file, 0, 100);
                if (db.wal == null || !db.readWal()) { // else the last commit frame gave the page size and count
                    db.pageSize = head.length < 100 ? 0 : u16(head, 16) == 1 ? 65536 : u16(head, 16);
                    db.pages = db.file.size() / Math.max(db.pageSize, 1);
                }
                byte[] first = db.page(1);
                require(new String(first, 0, 16, ISO_8859_1).equals("SQLite format 3\0"), NO_DATABASE, path
                        + " is not a SQLite database");
                db.usable = db.pageSize - (first[20] & 0xff);
                return db;
            } catch (IOException | RuntimeException e) {
                db.close();
                throw e instanceof Failure f ? f : new Failure(NO_DATABASE, path + " is not a readable database: " + e);
            }
        }
        /** Indexes the committed frames of the -wal; false when it has none SQLite would apply. */
        private boolean readWal() throws IOException {
            byte[] header = read(wal, 0, 32);
            int magic = header.length < 32 ? 0 : (int) u32(header, 0), size = magic == 0 ? 0 : (int) u32(header, 8);
            boolean big = (magic & 1) == 1; // the magic's low bit says in which byte order the words are summed
            int[] sum = header.length < 32 ? new int[2] : checksum(header, 0, 24, big, new int[2]); // empty: no WAL
            if (magic >>> 1 != 0x377f0682 >>> 1 || size < 512 || size > 65536 || Integer.bitCount(size) != 1
                    || sum[0] != (int) u32(header, 24) || sum[1] != (int) u32(header, 28)) return false;
            Map<Long, Long> pending = new HashMap<>();
            for (long at = 32; at + 24 + size <= wal.size(); at += 24 + size) {
                byte[] frame = read(wal, at, 24 + size);
                sum = checksum(frame, 24, size, big, checksum(frame, 0, 8, big, sum));
                if (u32(frame, 0) == 0 || !Arrays.equals(frame, 8, 16, header, 16, 24) || sum[0] != (int) u32(frame,
                        16) || sum[1] != (int) u32(frame, 20)) break; // torn, or left from an earlier WAL generation
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
            require(pageSize >= 512 && Integer.bitCount(pageSize) == 1 && number >= 1 && number <= pages, NO_DATABASE,
                    path + " is damaged or not a SQLite database (page " + number + ")");
            Long inWal = walPages.get(number);
            byte[] page = inWal != null ? read(wal, inWal, pageSize) : read(file, (number - 1) * pageSize, pageSize);
            require(page.length == pageSize, NO_DATABASE, path + " is cut short at page " + number);
            return page;
        }
        /** Calls {@code visitor} with the values of every row of {@code table}, found in sqlite_schema. */
        void scan(String table, Consumer<Object[]> visitor) throws IOException {
            long[] root = {0};
            try {
                walk(1, 0, row -> root[0] = "table".equals(row[0]) && table.equals(row[1]) && row[3] instanceof Long
                        page ? page : root[0]);
                require(root[0] != 0, NO_DATABASE, path + " is not a Parley database (no table " + table + ")");
                walk(root[0], 0, visitor);
            } catch (RuntimeException e) { // an index or a length out of range that the checks let through: damage
                throw e instanceof Failure f ? f : new Failure(NO_DATABASE, path + " is damaged (" + e + ")");
            }
        }
        /** Interior table pages (5): child page numbers, the last at offset 8; leaf cells (13): size, rowid, record. */
        private void walk(long number, int depth, Consumer<Object[]> visitor) throws IOException {
            byte[] page = page(number);
            int at = number == 1 ? 100 : 0, type = page[at], cells = u16(page, at + 3), interior = type == 5 ? 1 : 0;
            require(depth <= 20 && (type == 5 || type == 13), NO_DATABASE, path + " is damaged (page " + number + ")");
            for (int i = 0; i < cells + interior; i++) {
                int[] position = {i == cells ? at + 8 : u16(page, at + 8 + 4 * interior + 2 * i)};
                if (interior == 1) {
                    walk(u32(page, position[0]), depth + 1, visitor);
                } else {
                    long size = varint(page, position);
                    varint(page, position); // the rowid
                    visitor.accept(record(payload(page, position[0], size)));
                }
            }
        }
        /** The part of a payload stored on its page, then its overflow chain (next page number, U - 4 bytes). */
        private byte[] payload(byte[] page, int start, long size) throws IOException {
            require(size >= 0 && size <= MAX_FILE_SIZE + 65536 && size <= pages * usable, NO_DATABASE, path
                    + " is damaged (a payload of " + size + " bytes)");
            int total = (int) size, min = (usable - 12) * 32 / 255 - 23, spill = min + (total - min) % (usable - 4);
            int local = total <= usable - 35 ? total : spill <= usable - 35 ? spill : min;
            byte[] payload = Arrays.copyOfRange(page, start, start + total);
            long next = local < total ? u32(page, start + local) : 0;
            for (int filled = local, hops = 0; filled < total; filled += usable - 4, hops++) {
                require(hops <= pages, NO_DATABASE, path + " is damaged (an overflow loop)");
                byte[] overflow = page(next);
                System.arraycopy(overflow, 4, payload, filled, Math.min(usable - 4, total - filled));
                next = u32(overflow, 0);
            }
            return payload;
        }
        /** A record: a header of serial types, then the values (integers, floats, texts, blobs). */
        private static Object[] record(byte[] record) {
            int[] position = {0};
            int header = (int) varint(record, position);
            List<Object> values = new ArrayList<>();
            for (int at = header; position[0] < header; ) {
                long type = varint(record, position);
                int length = (int) (type >= 12 ? (type - 12) / 2 : type < 5 ? type : type == 5 ? 6 : type < 8 ? 8 : 0);
                long number = type == 9 ? 1 : 0;
                for (int b = 0; type >= 1 && type <= 7 && b < length; b++) {
                    number = b == 0 ? record[at] : number << 8 | record[at + b] & 0xff; // big-endian, signed
                }
                values.add(type == 0 ? null : type == 7 ? Double.longBitsToDouble(number) : type < 12 ? (Object) number
                        : type % 2 == 0 ? Arrays.copyOfRange(record, at, Math.addExact(at, length))
                        : new String(record, at, length, UTF_8));
                at += length;
            }
            return values.toArray();
        }
        /** A SQLite varint: 1 to 9 bytes, big-endian, 7 bits a byte while the top bit is set, the ninth byte whole. */
        private static long varint(byte[] bytes, int[] position) {
            long value = 0;
            for (int i = 0, b = 0x80; i < 9 && b >= 0x80; i++) {
                b = bytes[position[0]++] & 0xff;
                value = i == 8 ? value << 8 | b : value << 7 | b & 0x7f;
            }
            return value;
        }
        @Override @SuppressWarnings("try") public void close() throws IOException {
            try (file; FileChannel log = wal) {} // closes both; without a -wal, wal is null
        }
    }
    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
    private static int u16(byte[] bytes, int at) { return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff; }
    private static long u32(byte[] bytes, int at) { return (long) u16(bytes, at) << 16 | u16(bytes, at + 2); }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException { // fewer at EOF
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {} // until full or EOF
        return Arrays.copyOf(buffer.array(), buffer.position());
    }
}
