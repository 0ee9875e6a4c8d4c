package dev.parley.cli.commands;

import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import dev.parley.cli.hub.LocalDatabase;
import dev.parley.cli.output.Table;
import dev.parley.store.AdminConnection;
import dev.parley.store.Channel;
import dev.parley.store.ParticipantRemoval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code parley admin channels [delete NAME]}, {@code parley admin participants [remove NAME]}: the hub's admin is whoever may write its database file — the owner of
 * the hub's machine, as for {@code parley keys reset}. These commands work on the file itself (PARLEY_DB, else
 * $PARLEY_HOME/parley.db), with no hub token or key, and may do what no participant may: delete any channel but
 * general (one with no creator, a DM, bench and test clutter) and remove a participant with its traces. A running hub does not hear of it: its members see the
 * channel gone on their next read or reconnect.
 */
@Command(name = "admin", sortOptions = false, description = "The hub owner's tidying, on the hub's machine, in its"
        + " database.", subcommands = {AdminCommand.Channels.class, AdminCommand.Participants.class})
public final class AdminCommand extends HubCommand {
    @Override
    protected void run() {
        spec.commandLine().usage(out());
    }

    /** {@code parley admin participants}: every participant in the database. */
    @Command(name = "participants", sortOptions = false, description = "List every participant in the hub's database"
            + " (type, last seen, messages sent).", subcommands = Participants.Remove.class)
    public static final class Participants extends HubCommand {
        @Override
        protected void run() throws Exception {
            LocalDatabase db = new LocalDatabase(settings().db());
            if (json()) {
                var list = JsonText.object().arrayNode();
                db.participants().forEach(p -> list.add(JsonText.object().put("name", p.name())
                        .put("participant_type", p.type()).put("last_seen_at", p.lastSeenAt())
                        .put("messages", p.messages())));
                printJson(list);
                return;
            }
            Table table = new Table("NAME", "TYPE", "LAST SEEN", "MESSAGES");
            for (AdminConnection.Listed p : db.participants()) {
                table.row(style().bold(p.name()), p.type(), p.lastSeenAt() == null ? "never" : p.lastSeenAt(),
                        Long.toString(p.messages()));
            }
            table.print(out(), style(), width());
        }

        /** {@code parley admin participants remove NAME}: the participant and its traces, for good. */
        @Command(name = "remove", sortOptions = false, description = "Remove a participant from the hub's database in"
                + " one transaction: its key, profile, memberships, claims, reactions and DMs go, its messages become"
                + " deleted ones; channels it made stay. Remove someone who is offline: a running hub does not close"
                + " a session it holds.")
        public static final class Remove extends HubCommand {
            @Parameters(index = "0", paramLabel = "NAME", description = "The participant's name.")
            String name;

            @Override
            protected void run() throws Exception {
                LocalDatabase db = new LocalDatabase(settings().db());
                ParticipantRemoval.Removed removed = db.removeParticipant(name);
                if (json()) {
                    var dms = JsonText.object().arrayNode();
                    removed.dms().forEach(dms::add);
                    var answer = JsonText.object().put("removed", removed.name()).put("messages_deleted",
                            removed.messages()).put("database", db.file().toString());
                    answer.set("dms_deleted", dms);
                    printJson(answer);
                } else {
                    out().println("removed " + style().bold(removed.name()) + " from " + db.file() + ": "
                            + removed.messages() + " message(s) deleted" + (removed.dms().isEmpty() ? ""
                            : ", DMs deleted: " + String.join(", ", removed.dms())));
                }
            }
        }
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
