package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.mcp.hub.History;
import dev.parley.mcp.hub.HubParticipant;
import dev.parley.mcp.hub.HubRest;
import dev.parley.mcp.hub.Inbox;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** What arrives for this participant: wait_for_messages, unread, ack. */
final class InboxTools {
    private final HubParticipant me;
    private final History history;

    InboxTools(HubParticipant me) {
        this.me = me;
        this.history = new History(me);
    }

    List<ParleyTool> tools() {
        return List.of(waitForMessages(), unread(), ack());
    }

    private ParleyTool waitForMessages() {
        Schema schema = Schema.object()
                .string("channel", "Only wait for messages in this channel (name or id); default: any channel", false)
                .number("timeout_seconds", "Give up after this long (default 30)", 0, 600, false)
                .integer("max", "Return at most this many messages (default 50)", 1, 200, false);
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
        Predicate<JsonNode> match = m -> true;
        String channelName = null;
        if (args.has("channel")) {
            String channelId = me.channel(args.string("channel")).path("channel_id").asText();
            channelName = args.string("channel");
            match = m -> channelId.equals(m.path("channel_id").asText());
        }
        if (me.socket().isRejected()) {
            throw new ToolError(me.socket().problem());
        }
        Inbox.Taken taken = Waits.take(me.inbox(), match, max, timeout,
                () -> me.socket().isRejected() ? me.socket().problem() : null, progress,
                "waiting for messages" + (channelName == null ? "" : " in " + channelName));
        if (taken.abortedBecause() != null) {
            throw new ToolError(taken.abortedBecause());
        }
        me.delivered(taken.messages());
        ObjectNode result = Views.object();
        result.set("messages", Views.messages(taken.messages()));
        if (taken.timedOut()) {
            result.put("timed_out", true);
            if (!me.socket().isConnected()) {
                result.put("warning", me.notConnected().getMessage() + " (reconnecting; nothing is lost meanwhile)");
            }
        } else {
            result.put("more_waiting", me.inbox().size());
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
        JsonNode rows = me.rest().get("/api/unread/" + HubRest.encode(me.name()));
        ObjectNode result = Views.object();
        ArrayNode channels = Views.object().arrayNode();
        long total = 0;
        for (JsonNode row : rows) {
            channels.add(Views.object().put("channel", row.path("channel_name").asText())
                    .put("unread", row.path("unread").asLong()));
            total += row.path("unread").asLong();
        }
        result.put("total", total);
        result.set("channels", channels);
        result.put("waiting", me.inbox().size());
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
                        JsonNode channel = me.channel(args.string("channel"));
                        ids.addAll(unreadIn(channel.path("name").asText()));
                    }
                    if (args.bool("all", false)) {
                        for (JsonNode row : me.rest().get("/api/unread/" + HubRest.encode(me.name()))) {
                            ids.addAll(history.receivable(row.path("channel_name").asText(), row.path("unread").asLong()));
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

    private List<String> unreadIn(String channel) {
        for (JsonNode row : me.rest().get("/api/unread/" + HubRest.encode(me.name()))) {
            if (row.path("channel_name").asText().equals(channel)) {
                return history.receivable(channel, row.path("unread").asLong());
            }
        }
        return new ArrayList<>();
    }
}
