package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import dev.parley.cli.Settings;
import dev.parley.cli.hub.LocalDatabase;
import dev.parley.cli.hub.Retention;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley prune}: deletes old backups (all but the newest N) and old build folders of the workspace (all but
 * the live database's build and the N most recent others), on the hub's machine.
 */
@Command(name = "prune", sortOptions = false, description = "Delete old backups in $PARLEY_HOME/backups/ and old"
        + " builds in the workspace ($PARLEY_WORKSPACE, else $PARLEY_HOME/workspace), the installer's builds in its"
        + " installer/ folder included; the current builds always stay.")
public final class PruneCommand extends HubCommand {
    @Option(names = "--keep-backups", paramLabel = "N", description = "Backups to keep (default: $"
            + Retention.KEEP_BACKUPS + ", else " + Retention.DEFAULT_BACKUPS + ").")
    Integer keepBackups;

    @Option(names = "--keep-builds", paramLabel = "N", description = "Builds, and installer builds, to keep besides"
            + " the current ones"
            + " (default: $" + Retention.KEEP_BUILDS + ", else " + Retention.DEFAULT_BUILDS + ").")
    Integer keepBuilds;

    @Override
    protected void run() throws Exception {
        int backups = Retention.keep(keepBackups, env(), Retention.KEEP_BACKUPS, Retention.DEFAULT_BACKUPS);
        int builds = Retention.keep(keepBuilds, env(), Retention.KEEP_BUILDS, Retention.DEFAULT_BUILDS);
        LocalDatabase db = new LocalDatabase(settings().db());
        LocalDatabase.PackedCode current = db.exists() ? db.packedCode() : null;
        Path workspace = Settings.workspaceOf(env());
        List<Path> oldBackups;
        List<Path> oldBuilds;
        List<Path> oldInstallers;
        try {
            oldBackups = Retention.pruneBackups(settings().backups(), backups);
            oldBuilds = Retention.pruneBuilds(workspace, current == null ? null : current.buildHash(), builds);
            oldInstallers = Retention.pruneInstallerBuilds(Settings.installerCacheOf(env()), builds);
        } catch (IOException e) {
            throw new CliException(Exit.FILE_ERROR, "cannot prune: " + e.getMessage(), e);
        }
        if (json()) {
            ObjectNode document = JsonText.object().put("current_build", current == null ? null : current.buildHash());
            ArrayNode deletedBackups = document.putArray("deleted_backups");
            oldBackups.forEach(file -> deletedBackups.add(file.toString()));
            ArrayNode deletedBuilds = document.putArray("deleted_builds");
            oldBuilds.forEach(folder -> deletedBuilds.add(folder.toString()));
            ArrayNode deletedInstallers = document.putArray("deleted_installer_builds");
            oldInstallers.forEach(folder -> deletedInstallers.add(folder.toString()));
            printJson(document);
            return;
        }
        oldBackups.forEach(file -> out().println("deleted backup " + file));
        oldBuilds.forEach(folder -> out().println("deleted build " + folder));
        oldInstallers.forEach(folder -> out().println("deleted installer build " + folder));
        out().printf("kept the newest %d backups and %s%d other builds in %s%n", backups,
                current == null ? "" : "the current build and ", builds, workspace);
    }
}
