package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parley.client.Channel;
import dev.parley.client.ChannelCreation;
import dev.parley.mcp.session.AgentSession;
import java.util.List;
import java.util.Set;

/** Channels: list_channels, create_channel, join_channel. */
final class ChannelTools {
    private final AgentSession me;

    ChannelTools(AgentSession me) {
        this.me = me;
    }

    List<ParleyTool> tools() {
        return List.of(listChannels(), createChannel(), joinChannel());
    }

    private ParleyTool listChannels() {
        return new ParleyTool("list_channels", "List channels",
                "Every group channel on the hub and " + me.name() + "'s direct-message channels, with whether "
                        + me.name() + " has joined each and how many messages it holds.",
                Schema.object(), ParleyTool.Hints.reading(), (args, progress) -> {
                    Set<String> joined = me.client().joinedChannels();
                    ArrayNode list = Views.object().arrayNode();
                    for (Channel channel : me.client().channels()) {
                        boolean dm = "dm".equals(channel.channelType());
                        boolean mine = dm ? isMyDm(channel.name()) : joined.contains(channel.name());
                        if (!dm || mine) {
                            list.add(Views.channel(channel, mine));
                        }
                    }
                    return Views.object().set("channels", list);
                });
    }

    private ParleyTool createChannel() {
        Schema schema = Schema.object()
                .string("name", "The new channel's name: a-z, 0-9, '.', '_', '-' (spaces become '-', upper case is"
                        + " lowered)", true)
                .string("topic", "What the channel is for", false);
        return new ParleyTool("create_channel", "Create a channel",
                "Create a group channel and join it. If it already exists, join it (created=false).",
                schema, ParleyTool.Hints.changing(true), (args, progress) -> {
                    String topic = args.string("topic");
                    ChannelCreation creation = me.client().createChannelIfAbsent(args.requiredString("name"),
                            topic == null ? "" : topic);
                    Channel channel = creation.created() ? creation.channel()
                            : me.client().join(creation.channel().name());
                    return Views.object().put("created", creation.created())
                            .set("channel", Views.channel(channel, true));
                });
    }

    private ParleyTool joinChannel() {
        Schema schema = Schema.object()
                .string("channel", "The channel's name or id", true);
        return new ParleyTool("join_channel", "Join a channel",
                "Join a group channel, so its new messages reach " + me.name() + " (wait_for_messages).",
                schema, ParleyTool.Hints.changing(true), (args, progress) -> {
                    Channel channel = me.client().join(args.requiredString("channel"));
                    return Views.object().put("joined", true).set("channel", Views.channel(channel, true));
                });
    }

    private boolean isMyDm(String name) {
        String[] parts = name.split(":");
        return parts.length == 3 && (parts[1].equals(me.name()) || parts[2].equals(me.name()));
    }
}
