package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.Channel;
import dev.parley.client.Message;
import dev.parley.client.Unread;
import dev.parley.mcp.session.AgentSession;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** What arrives for this participant: wait_for_messages, unread, ack. */
final class InboxTools {
    private final AgentSession me;
    private final ChannelHistory history;

    InboxTools(AgentSession me) {
        this.me = me;
        this.history = new ChannelHistory(me);
    }

    List<ParleyTool> tools() {
        return List.of(waitForMessages(), unread(), ack());
    }

    private ParleyTool waitForMessages() {
        Schema schema = Schema.object()
                .string("channel", "Only wait for messages in this channel (name or id); default: any channel", false)
                .number("timeout_seconds", "Give up after this long (default 30)", 0, 600, false)
                .integer("max", "Return at most this many messages (default 50)", 1, 200, false)
                .bool("mentions_only", "Only wake for messages that mention " + me.name() + " (@" + me.name()
                        + "); the others stay for a later call");
        return new ParleyTool("wait_for_messages", "Wait for new messages",
                "Block until messages arrive for " + me.name() + " (in any channel, or only in 'channel'), then"
                        + " return them, oldest first; returns at once if some arrived since the last call. Each"
                        + " message is returned once. Use this instead of polling read_messages. On timeout returns"
                        + " an empty list with timed_out=true.",
                schema, ParleyTool.Hints.consumingInbox(), this::waitFor);
    }

    private JsonNode waitFor(Args args, ParleyTool.Progress progress) {
        double timeout = args.number("timeout_seconds", 30);
        int max = args.integer("max", 50);
        Predicate<Message> match = m -> true;
        String channelName = null;
        if (args.has("channel")) {
            String channelId = me.channel(args.string("channel")).channelId();
            channelName = args.string("channel");
            match = m -> channelId.equals(m.channelId());
        }
        if (args.bool("mentions_only", false)) {
            match = match.and(m -> m.mentions(me.name()));
        }
        refuseIfRefused();
        List<Message> taken = Waits.take(me.client(), match, max, timeout, () -> me.refusal() != null, progress,
                "waiting for messages" + (channelName == null ? "" : " in " + channelName));
        if (taken.isEmpty()) {
            refuseIfRefused();
        }
        ObjectNode result = Views.object();
        result.set("messages", Views.messages(taken));
        if (taken.isEmpty()) {
            result.put("timed_out", true);
            if (!me.isConnected()) {
                result.put("warning", me.notConnected().getMessage() + " (reconnecting; nothing is lost meanwhile)");
            }
        } else {
            result.put("more_waiting", me.client().waiting());
        }
        return result;
    }

    private ParleyTool unread() {
        return new ParleyTool("unread", "Unread counts",
                "How many messages " + me.name() + " has not marked read (with ack), per channel. 'waiting' counts the"
                        + " messages wait_for_messages would return right now.",
                Schema.object(), ParleyTool.Hints.reading(), (args, progress) -> unreadSummary());
    }

    private ObjectNode unreadSummary() {
        ObjectNode result = Views.object();
        ArrayNode channels = Views.object().arrayNode();
        long total = 0;
        long mentions = 0;
        for (Unread row : me.client().unread()) {
            channels.add(Views.object().put("channel", row.channelName()).put("unread", row.unread())
                    .put("mentions", row.mentions()));
            total += row.unread();
            mentions += row.mentions();
        }
        result.put("total", total);
        result.put("mentions", mentions);
        result.set("channels", channels);
        result.put("waiting", me.client().waiting());
        return result;
    }

    private ParleyTool ack() {
        Schema schema = Schema.object()
                .strings("message_ids", "Mark these messages read", false)
                .string("channel", "Mark everything unread in this channel read (name or id)", false)
                .bool("all", "true marks everything unread in every channel read");
        return new ParleyTool("ack", "Mark messages read",
                "Mark messages read: the given message_ids, or everything unread in 'channel', or everything"
                        + " ('all': true). Senders see read receipts. Returns the unread counts afterwards.",
                schema, ParleyTool.Hints.changing(true), (args, progress) -> {
                    Set<String> ids = new LinkedHashSet<>(args.strings("message_ids"));
                    if (args.has("channel")) {
                        Channel channel = me.channel(args.string("channel"));
                        ids.addAll(unreadIn(channel));
                    }
                    if (args.bool("all", false)) {
                        Map<String, Channel> byName = me.client().channels().stream()
                                .collect(Collectors.toMap(Channel::name, Function.identity(), (a, b) -> a));
                        for (Unread row : me.client().unread()) {
                            Channel channel = byName.get(row.channelName());
                            if (channel != null) {
                                ids.addAll(history.receivable(channel.name(), channel.lastSeq(), row.unread()));
                            }
                        }
                    }
                    if (ids.isEmpty() && !args.has("channel") && !args.bool("all", false)) {
                        throw new ToolError("say what to mark read: 'message_ids' (a list), 'channel', or 'all': true");
                    }
                    me.markRead(ids);
                    ObjectNode result = Views.object().put("marked", ids.size());
                    result.set("unread", unreadSummary());
                    return result;
                });
    }

    private List<String> unreadIn(Channel channel) {
        for (Unread row : me.client().unread()) {
            if (row.channelName().equals(channel.name())) {
                return history.receivable(channel.name(), channel.lastSeq(), row.unread());
            }
        }
        return List.of();
    }

    private void refuseIfRefused() {
        if (me.refusal() != null) {
            throw new ToolError(me.refusal());
        }
    }
}
