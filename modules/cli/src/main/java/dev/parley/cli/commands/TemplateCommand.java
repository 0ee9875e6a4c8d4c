package dev.parley.cli.commands;

import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import dev.parley.store.StoreException;
import dev.parley.store.TemplateExport;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code parley template export FILE}: hands the code over without the data. Writes a clean template from the
 * hub's live database (packed files, libraries, metadata; runtime tables empty but for the seed rows a fresh
 * template has), for a new machine: {@code java Bootstrap.java --verify} accepts it and a first start installs it.
 */
@Command(name = "template", sortOptions = false, description = "Work with the template this hub was installed from.",
        subcommands = TemplateCommand.Export.class)
public final class TemplateCommand extends HubCommand {
    @Override
    protected void run() {
        spec.commandLine().usage(out());
    }

    /** {@code parley template export FILE}: the code of the live database, none of its messages, people or keys. */
    @Command(name = "export", sortOptions = false, description = {
        "Write a clean template from the hub's database (PARLEY_DB, else $PARLEY_HOME/parley.db), also while the"
            + " hub runs: every packed file, library and metadata row, and empty runtime tables but for the seed"
            + " rows (the general channel). No message, participant, key or hub token is copied.",
        "Give FILE to a new machine; it refuses to overwrite a file and is readable by you alone (0600)."})
    public static final class Export extends HubCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the template.")
        Path target;

        @Override
        protected void run() throws Exception {
            Path live = settings().db();
            if (!Files.isRegularFile(live)) {
                throw new CliException(Exit.NO_DATABASE, "no database at " + live.toAbsolutePath()
                        + " (set PARLEY_DB or PARLEY_HOME; templates are exported on the hub's machine)");
            }
            TemplateExport.Result result;
            try {
                result = TemplateExport.write(live, target);
            } catch (StoreException e) { // FILE exists, the database packs no code, or writing failed
                throw new CliException(Exit.FILE_ERROR, e.getMessage(), e);
            }
            if (json()) {
                printJson(JsonText.object().put("source", live.toAbsolutePath().toString())
                        .put("path", result.file().toString()).put("version", result.version())
                        .put("build_hash", result.buildHash()).put("files", result.files()).put("bytes", result.bytes()));
            } else {
                out().printf("exported the template %s (build %s, %d files) to %s (%.1f MB)%n", result.version(),
                        result.buildHash().substring(0, 12), result.files(), style().bold(result.file().toString()),
                        result.bytes() / 1e6);
                err().println(style().dim("no messages, participants, keys or hub tokens; check it with"
                        + " `java Bootstrap.java --verify --db " + result.file() + "`"));
            }
        }
    }
}
