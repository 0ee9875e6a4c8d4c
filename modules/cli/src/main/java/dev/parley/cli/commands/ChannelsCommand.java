package dev.parley.cli.commands;

import picocli.CommandLine.Command;

/**
 * {@code parley channels [--archived]}: lists channels; {@code channels create NAME}, {@code join}, and a channel's
 * life cycle ({@link ChannelChangeCommands}): {@code leave}, {@code rename}, {@code topic}, {@code archive},
 * {@code delete}.
 */
@Command(name = "channels", sortOptions = false, description = "List, create, join, leave, rename, archive and"
        + " delete channels.",
        subcommands = {ChannelsCommand.ListChannels.class, ChannelsCreateCommand.class, ChannelsJoinCommand.class,
            ChannelChangeCommands.Leave.class, ChannelChangeCommands.Rename.class, ChannelChangeCommands.Topic.class,
            ChannelChangeCommands.Archive.class, ChannelChangeCommands.Delete.class})
public final class ChannelsCommand extends ChannelListing {
    @Override
    protected void run() throws Exception {
        listChannels();
    }

    /** {@code parley channels list}: the same as {@code parley channels}. */
    @Command(name = "list", sortOptions = false, description = "List every channel (the default).")
    public static final class ListChannels extends ChannelListing {
        @Override
        protected void run() throws Exception {
            listChannels();
        }
    }
}
