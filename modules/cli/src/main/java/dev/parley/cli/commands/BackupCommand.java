package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import dev.parley.cli.hub.LocalDatabase;
import dev.parley.cli.hub.Retention;
import dev.parley.cli.output.Progress;
import dev.parley.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley backup}: an online copy of the hub's live database with {@code VACUUM INTO} (consistent and compact,
 * while the hub keeps serving), checked with {@code PRAGMA quick_check}. Runs on the hub's machine.
 *
 * <p>The copy is the whole database, code included, and says so: restoring it is copying it back over
 * {@code parley.db}, and the bootstrap runs it as it is. (A data-only backup would need a restore that merges it
 * with a template; {@code parley template export} is the other half, code without data.) A backup into
 * {@code $PARLEY_HOME/backups/} then prunes that folder to the newest N.
 */
@Command(name = "backup", sortOptions = false, description = "Copy the live database while the hub runs"
        + " (VACUUM INTO), to $PARLEY_HOME/backups/ or FILE; the copy is readable by you alone (0600). It includes"
        + " the code (restore: copy it back over parley.db); `parley template export` gives code without data.")
public final class BackupCommand extends HubCommand {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "Where to write the copy (default: $PARLEY_HOME/backups/parley-<timestamp>.db).")
    Path target;

    @Option(names = "--keep", paramLabel = "N", description = "Backups to keep in $PARLEY_HOME/backups/ after a backup"
            + " there (default: $" + Retention.KEEP_BACKUPS + ", else " + Retention.DEFAULT_BACKUPS + ").")
    Integer keep;

    @Override
    protected void run() throws Exception {
        LocalDatabase db = new LocalDatabase(settings().db());
        if (!db.exists()) {
            throw new CliException(Exit.NO_DATABASE, "no database at " + db.file()
                    + " (set PARLEY_DB or PARLEY_HOME; backups run on the hub's machine)");
        }
        int kept = Retention.keep(keep, env(), Retention.KEEP_BACKUPS, Retention.DEFAULT_BACKUPS);
        Path folder = settings().backups();
        Path file = target != null ? target : folder.resolve("parley-" + STAMP.format(LocalDateTime.now()) + ".db");
        if (Files.exists(file)) {
            throw new CliException(Exit.FILE_ERROR, file + " already exists: give another file");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                PrivateFiles.createFolders(parent); // new folders 0700: backups hold every message
            }
        } catch (IOException e) {
            throw new CliException(Exit.FILE_ERROR, "cannot create the folder for " + file + ": " + e.getMessage());
        }
        long start = System.nanoTime();
        try (Progress progress = Progress.start(terminal(), "backing up", "bytes", Files.size(db.file()))) {
            Thread watcher = watch(file, progress);
            try {
                db.vacuumInto(file);
            } finally {
                watcher.interrupt();
                watcher.join();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long bytes = Files.size(file);
        LocalDatabase.PackedCode code = db.packedCode();
        List<Path> pruned = target == null ? prune(folder, kept) : List.of();
        if (json()) {
            ObjectNode report = JsonText.object().put("source", db.file().toString())
                    .put("path", file.toAbsolutePath().toString()).put("bytes", bytes).put("millis", millis)
                    .put("includes_code", code != null).put("code_bytes", code == null ? 0 : code.bytes());
            ArrayNode deleted = report.putArray("pruned");
            pruned.forEach(old -> deleted.add(old.toString()));
            printJson(report);
            return;
        }
        out().printf("backed up %s to %s (%.1f MB in %.1f s)%n", db.file(), style().bold(file.toAbsolutePath().toString()),
                bytes / 1e6, millis / 1e3);
        if (code != null) {
            out().printf("the backup includes the code (%.1f MB of packed files and jars): restore it by copying it"
                    + " back over the database; `parley template export FILE` gives the code without the data%n",
                    code.bytes() / 1e6);
        }
        pruned.forEach(old -> out().println("deleted old backup " + old));
    }

    private static List<Path> prune(Path folder, int keep) {
        try {
            return Retention.pruneBackups(folder, keep);
        } catch (IOException e) {
            throw new CliException(Exit.FILE_ERROR, "backed up, but cannot prune " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Shows the copy growing, against the source's size (VACUUM INTO itself reports nothing). */
    private static Thread watch(Path file, Progress progress) {
        Thread watcher = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (Files.exists(file)) {
                        progress.set(Files.size(file));
                    }
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // done, or the file vanished with a failed copy
            }
        }, "parley-backup-progress");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }
}
