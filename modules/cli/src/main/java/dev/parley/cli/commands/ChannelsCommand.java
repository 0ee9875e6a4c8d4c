package dev.parley.cli.commands;

import picocli.CommandLine.Command;

/** {@code parley channels}: lists channels; {@code channels create NAME} and {@code channels join NAME}. */
@Command(name = "channels", sortOptions = false, description = "List, create and join channels.",
        subcommands = {ChannelsCommand.ListChannels.class, ChannelsCreateCommand.class, ChannelsJoinCommand.class})
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
