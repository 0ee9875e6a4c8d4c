package dev.parley.cli.commands;

import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.HubCommand;
import dev.parley.client.HubHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley download at-9c01b7de3f2a [-o FILE] [--force]}: a file posted to a channel, from
 * {@code GET /api/attachments/{id}}, saved under its posted name (or FILE) in the current folder. Never overwrites
 * without {@code --force}; the file is written beside the target and moved into place, so an interrupted download
 * leaves no half file under the name.
 */
@Command(name = "download", sortOptions = false, description = "Download a file posted to a channel (an attachment).")
public final class DownloadCommand extends HubCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The attachment's id (at-..., from the file_ref message).")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to save it (default: its name, "
            + "in the current folder; '-' writes it to standard output).")
    String output;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @Override
    protected void run() throws Exception {
        HubHttp.Download file = hub().getBytes("/api/attachments/" + HubHttp.encode(id));
        if ("-".equals(output)) {
            out().write(file.bytes());
            out().flush();
            return;
        }
        Path target = Path.of(output != null ? output : file.fileName() != null ? file.fileName() : id);
        if (Files.exists(target) && !force) {
            throw new CliException(Exit.FILE_ERROR, target + " already exists: give -o FILE, or --force to overwrite");
        }
        Path partial = target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".part");
        try {
            Files.write(partial, file.bytes());
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new CliException(Exit.FILE_ERROR, "cannot write " + target + ": " + e.getMessage(), e);
        }
        if (json()) {
            printJson(dev.parley.cli.JsonText.object().put("attachment_id", id).put("file", target.toString())
                    .put("size", file.bytes().length));
        } else {
            out().println("saved " + target + " (" + file.bytes().length + " bytes)");
        }
    }
}
