package dev.parley.mcp.tools;

import dev.parley.client.Channel;
import dev.parley.mcp.session.AgentSession;
import java.util.List;

/**
 * A channel's life cycle: leave_channel, rename_channel, set_topic, archive_channel, delete_channel. The hub decides
 * who may: any member leaves or sets the topic; the channel's creator renames, archives and deletes it.
 */
final class ChannelLifeTools {
    private final AgentSession me;

    ChannelLifeTools(AgentSession me) {
        this.me = me;
    }

    List<ParleyTool> tools() {
        return List.of(leave(), rename(), topic(), archive(), delete());
    }

    private static Schema channel() {
        return Schema.object().string("channel", "The channel's name or id", true);
    }

    private ParleyTool leave() {
        return new ParleyTool("leave_channel", "Leave a channel",
                "Leave a group channel: its messages stop reaching " + me.name() + " (general and DMs cannot be"
                        + " left).", channel(), ParleyTool.Hints.changing(true), (args, progress) -> {
                    Channel left = me.client().leave(args.requiredString("channel"));
                    return Views.object().put("left", true).set("channel", Views.channel(left, false));
                });
    }

    private ParleyTool rename() {
        Schema schema = channel().string("name", "The new name: a-z, 0-9, '.', '_', '-' (spaces become '-')", true);
        return new ParleyTool("rename_channel", "Rename a channel",
                "Rename a channel " + me.name() + " created.", schema, ParleyTool.Hints.changing(true),
                (args, progress) -> Views.object().set("channel", Views.channel(me.client()
                        .renameChannel(args.requiredString("channel"), args.requiredString("name")), true)));
    }

    private ParleyTool topic() {
        Schema schema = channel().string("topic", "The topic; empty or absent: none", false);
        return new ParleyTool("set_topic", "Set a channel's topic",
                "Set the topic of a channel " + me.name() + " is a member of.", schema,
                ParleyTool.Hints.changing(true), (args, progress) -> Views.object().set("channel", Views.channel(
                        me.client().setTopic(args.requiredString("channel"), args.string("topic")), true)));
    }

    private ParleyTool archive() {
        Schema schema = channel().bool("archived", "true (the default) archives: read-only, out of channel lists;"
                + " false unarchives");
        return new ParleyTool("archive_channel", "Archive or unarchive a channel",
                "Archive a channel " + me.name() + " created (no more posts), or unarchive it.", schema,
                ParleyTool.Hints.changing(true), (args, progress) -> Views.object().set("channel", Views.channel(
                        me.client().archive(args.requiredString("channel"), args.bool("archived", true)), true)));
    }

    private ParleyTool delete() {
        return new ParleyTool("delete_channel", "Delete a channel",
                "Delete a channel " + me.name() + " created, with all its messages, for good.", channel(),
                ParleyTool.Hints.removing(), (args, progress) -> {
                    Channel deleted = me.client().deleteChannel(args.requiredString("channel"));
                    return Views.object().put("deleted", true).set("channel", Views.channel(deleted, false));
                });
    }
}
