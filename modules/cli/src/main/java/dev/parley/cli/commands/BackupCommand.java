package dev.parley.cli.commands;

import dev.parley.cli.JsonText;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.HubCommand;
import dev.parley.cli.hub.LocalDatabase;
import dev.parley.cli.output.Progress;
import dev.parley.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code parley backup}: an online copy of the hub's live database with {@code VACUUM INTO} (consistent and compact,
 * while the hub keeps serving), checked with {@code PRAGMA quick_check}. Runs on the hub's machine.
 */
@Command(name = "backup", sortOptions = false, description = "Copy the live database while the hub runs"
        + " (VACUUM INTO), to $PARLEY_HOME/backups/ or FILE; the copy is readable by you alone (0600).")
public final class BackupCommand extends HubCommand {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "Where to write the copy (default: $PARLEY_HOME/backups/parley-<timestamp>.db).")
    Path target;

    @Override
    protected void run() throws Exception {
        LocalDatabase db = new LocalDatabase(settings().db());
        if (!db.exists()) {
            throw new CliException(Exit.NO_DATABASE, "no database at " + db.file()
                    + " (set PARLEY_DB or PARLEY_HOME; backups run on the hub's machine)");
        }
        Path file = target != null ? target
                : settings().home().resolve("backups").resolve("parley-" + STAMP.format(LocalDateTime.now()) + ".db");
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
        if (json()) {
            printJson(JsonText.object().put("source", db.file().toString()).put("path", file.toAbsolutePath().toString())
                    .put("bytes", bytes).put("millis", millis));
        } else {
            out().printf("backed up %s to %s (%.1f MB in %.1f s)%n", db.file(), style().bold(file.toAbsolutePath().toString()),
                    bytes / 1e6, millis / 1e3);
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
