package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parley.mcp.hub.HubParticipant;
import java.util.List;
import java.util.Set;

/** Channels: list_channels, create_channel, join_channel. */
final class ChannelTools {
    private final HubParticipant me;

    ChannelTools(HubParticipant me) {
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
                    Set<String> joined = me.joined();
                    ArrayNode list = Views.object().arrayNode();
                    for (JsonNode channel : me.channels()) {
                        String name = channel.path("name").asText();
                        boolean dm = channel.path("channel_type").asText().equals("dm");
                        boolean mine = dm ? isMyDm(name) : joined.contains(name);
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
                    String name = args.requiredString("name");
                    String topic = args.string("topic");
                    var answer = me.rest().post("/api/channels/create", Views.object().put("name", name)
                            .put("created_by", me.name()).put("topic", topic == null ? "" : topic));
                    JsonNode channel = answer.body();
                    boolean created = answer.status() == 201;
                    if (!created) {
                        channel = join(channel.path("name").asText());
                    }
                    me.joinedChannel(channel.path("name").asText());
                    return Views.object().put("created", created).set("channel", Views.channel(channel, true));
                });
    }

    private ParleyTool joinChannel() {
        Schema schema = Schema.object()
                .string("channel", "The channel's name or id", true);
        return new ParleyTool("join_channel", "Join a channel",
                "Join a group channel, so its new messages reach " + me.name() + " (wait_for_messages).",
                schema, ParleyTool.Hints.changing(true), (args, progress) -> {
                    String reference = args.requiredString("channel");
                    JsonNode channel = join(reference);
                    return Views.object().put("joined", true).set("channel", Views.channel(channel, true));
                });
    }

    private JsonNode join(String reference) {
        JsonNode channel = me.rest().post("/api/channels/join", Views.object().put("channel", reference)
                .put("participant", me.name())).body();
        me.joinedChannel(channel.path("name").asText());
        return channel;
    }

    private boolean isMyDm(String name) {
        String[] parts = name.split(":");
        return parts.length == 3 && (parts[1].equals(me.name()) || parts[2].equals(me.name()));
    }
}
