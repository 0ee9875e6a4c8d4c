package dev.parley.cli.commands;

import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import dev.parley.cli.hub.LocalDatabase;
import dev.parley.cli.output.Table;
import dev.parley.store.Channel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code parley admin channels [delete NAME]}: the hub's admin is whoever may write its database file — the owner of
 * the hub's machine, as for {@code parley keys reset}. These commands work on the file itself (PARLEY_DB, else
 * $PARLEY_HOME/parley.db), with no hub token or key, and may do what no participant may: delete any channel but
 * general (one with no creator, a DM, bench and test clutter). A running hub does not hear of it: its members see the
 * channel gone on their next read or reconnect.
 */
@Command(name = "admin", sortOptions = false, description = "The hub owner's tidying, on the hub's machine, in its"
        + " database.", subcommands = AdminCommand.Channels.class)
public final class AdminCommand extends HubCommand {
    @Override
    protected void run() {
        spec.commandLine().usage(out());
    }

    /** {@code parley admin channels}: every channel in the database, archived ones too. */
    @Command(name = "channels", sortOptions = false, description = "List every channel in the hub's database"
            + " (archived ones and DMs too).", subcommands = Channels.Delete.class)
    public static final class Channels extends HubCommand {
        @Override
        protected void run() throws Exception {
            LocalDatabase db = new LocalDatabase(settings().db());
            if (json()) {
                var list = JsonText.object().arrayNode();
                db.channels().forEach(c -> list.add(JsonText.object().put("channel_id", c.channelId())
                        .put("name", c.name()).put("channel_type", c.channelType()).put("created_by", c.createdBy())
                        .put("archived", c.archived())));
                printJson(list);
                return;
            }
            Table table = new Table("NAME", "TYPE", "CREATED BY", "ID");
            for (Channel c : db.channels()) {
                table.row(style().bold(c.name()), c.channelType() + (c.archived() ? " (archived)" : ""),
                        c.createdBy() == null ? "" : c.createdBy(), c.channelId());
            }
            table.print(out(), style(), width());
        }

        /** {@code parley admin channels delete NAME}: the channel and its messages, for good. */
        @Command(name = "delete", sortOptions = false, description = "Delete a channel (not general) and all its"
                + " messages from the hub's database, in one transaction; also while the hub runs.")
        public static final class Delete extends HubCommand {
            @Parameters(index = "0", paramLabel = "CHANNEL", description = "Channel name or id.")
            String channel;

            @Override
            protected void run() throws Exception {
                LocalDatabase db = new LocalDatabase(settings().db());
                Channel deleted = db.deleteChannel(channel);
                if (json()) {
                    printJson(JsonText.object().put("deleted", deleted.name()).put("channel_id", deleted.channelId())
                            .put("database", db.file().toString()));
                } else {
                    out().println("deleted " + style().bold(deleted.name()) + " and its messages from " + db.file());
                }
            }
        }
    }
}
