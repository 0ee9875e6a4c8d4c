package dev.parley.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The live database ({@code PARLEY_DB}, else {@code $PARLEY_HOME/parley.db}) and the template the user points at
 * ({@code --db}, else {@code parley.db} or {@code parley-template.db} here), if that is another file.
 */
record Databases(Path live, Path source, Path explicit) {
    static Databases locate(Options options, Environment env, Home home) {
        Path live = Home.liveDb(env, home);
        Path explicit = options.db == null ? null : env.cwd().resolve(options.db).normalize();
        Failure.require(explicit == null || Files.isRegularFile(explicit), Exit.NO_DATABASE,
                "no such database file: " + explicit);
        Path source = explicit;
        if (source == null) {
            source = Stream.of("parley.db", "parley-template.db").map(env.cwd()::resolve)
                    .filter(Files::isRegularFile).filter(found -> !sameFile(found, live)).findFirst().orElse(null);
        }
        return new Databases(live, source != null && sameFile(source, live) ? null : source, explicit);
    }

    /** The database --list, --verify and --extract look at: --db, else the live one, else a template here. */
    Path inspected() {
        if (explicit != null) {
            return explicit;
        }
        if (Files.isRegularFile(live)) {
            return live;
        }
        Failure.require(source != null, Exit.NO_DATABASE, "no database: " + live + " does not exist and there is no "
                + "parley.db here; pass --db FILE");
        return source;
    }

    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b)
                    : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }
}
