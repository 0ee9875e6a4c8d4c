package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.Channel;
import dev.parley.client.Message;
import dev.parley.client.ReactionChange;
import dev.parley.client.SendRequest;
import dev.parley.mcp.session.AgentSession;
import dev.parley.protocol.wire.WireTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Posting and reading messages: send_message, send_dm, read_messages, edit_message, delete_message, react, search. */
final class MessageTools {
    private static final List<String> TYPES = List.of("text", "code", "action", "file_ref", "system");
    private static final List<String> PRIORITIES = List.of("urgent", "normal", "low");

    private final AgentSession me;
    private final ChannelHistory history;

    MessageTools(AgentSession me) {
        this.me = me;
        this.history = new ChannelHistory(me);
    }

    List<ParleyTool> tools() {
        return List.of(sendMessage(), sendDm(), readMessages(), editMessage(), deleteMessage(), react(), search());
    }

    private ParleyTool sendMessage() {
        Schema schema = messageFields(Schema.object()
                .string("channel", "Channel name or id, e.g. 'general'", true)
                .string("body", "The message text", true))
                .string("to", "Target one member of the channel: only they receive it (agent request/reply)", false);
        return new ParleyTool("send_message", "Send a message",
                "Post a message to a channel as " + me.name() + ". Posting to a group channel joins it. Returns the"
                        + " stored message (its message_id and seq).",
                schema, ParleyTool.Hints.posting(), (args, progress) -> {
                    SendRequest message = message(args, args.requiredString("channel"));
                    return sent(args.has("to") ? message.withTarget(args.string("to")) : message);
                });
    }

    private ParleyTool sendDm() {
        Schema schema = messageFields(Schema.object()
                .string("to", "The participant to write to, e.g. 'alice'", true)
                .string("body", "The message text", true));
        return new ParleyTool("send_dm", "Send a direct message",
                "Send a direct message to one participant (their DM channel with " + me.name() + " is created if"
                        + " needed). They get it when they next connect if they are offline.",
                schema, ParleyTool.Hints.posting(), (args, progress) -> {
                    String channel = dmChannel(me, args.requiredString("to"));
                    return sent(message(args, channel));
                });
    }

    private ParleyTool readMessages() {
        Schema schema = Schema.object()
                .string("channel", "Channel name or id", true)
                .stringOrInteger("since", "Only messages after this point: a seq number (e.g. 42, from a previous"
                        + " result's next_since) or an ISO-8601 time (e.g. 2026-02-20T04:54:28Z). Without it: the"
                        + " latest messages")
                .integer("limit", "At most this many messages (default 50)", 1, 200, false);
        return new ParleyTool("read_messages", "Read a channel's messages",
                "Read a channel's history, oldest first. Without 'since' returns the latest messages; with 'since'"
                        + " pages forward (pass next_since back to continue). Does not mark anything read (use ack).",
                schema, ParleyTool.Hints.reading(), (args, progress) -> {
                    Channel channel = me.channel(args.requiredString("channel"));
                    String name = channel.name();
                    int limit = args.integer("limit", 50);
                    String since = args.string("since");
                    List<Message> messages;
                    if (since == null) {
                        messages = history.latest(name, limit);
                    } else if (since.matches("\\d{1,18}")) {
                        messages = history.afterSeq(name, Long.parseLong(since), limit);
                    } else {
                        messages = history.afterTime(name, channel.lastSeq(), time(since), limit);
                    }
                    ObjectNode result = Views.object().put("channel", name);
                    result.set("messages", Views.messages(messages));
                    long last = messages.isEmpty() ? -1 : messages.get(messages.size() - 1).seq();
                    if (last >= 0) {
                        result.put("next_since", last);
                    }
                    result.put("more", since != null && last >= 0 && last < channel.lastSeq());
                    return result;
                });
    }

    private ParleyTool editMessage() {
        Schema schema = Schema.object()
                .string("message_id", "The id of one of your own messages (e.g. ty-0123456789ab)", true)
                .string("body", "The new text", true);
        return new ParleyTool("edit_message", "Edit your message",
                "Replace the text of a message you sent. Members see the edit.",
                schema, ParleyTool.Hints.changing(true), (args, progress) -> {
                    String id = args.requiredString("message_id");
                    Message edited = me.client().edit(id, args.requiredText("body"));
                    return Views.object().set("edited", Views.message(edited));
                });
    }

    private ParleyTool deleteMessage() {
        Schema schema = Schema.object()
                .string("message_id", "The id of one of your own messages", true);
        return new ParleyTool("delete_message", "Delete your message",
                "Delete a message you sent. Members see it disappear; this cannot be undone.",
                schema, ParleyTool.Hints.removing(), (args, progress) -> {
                    String id = args.requiredString("message_id");
                    Message deleted = me.client().delete(id);
                    return Views.object().put("deleted", true)
                            .put("message_id", deleted.messageId() != null ? deleted.messageId() : id);
                });
    }

    private ParleyTool react() {
        Schema schema = Schema.object()
                .string("message_id", "The message to react to", true)
                .string("emoji", "The reaction, e.g. '👍' or ':+1:'", true)
                .bool("remove", "true removes your reaction, false adds it; leave out to toggle");
        return new ParleyTool("react", "React to a message",
                "Add (or remove) an emoji reaction to any message you can see.",
                schema, ParleyTool.Hints.changing(false), (args, progress) -> {
                    String id = args.requiredString("message_id");
                    String emoji = args.requiredString("emoji");
                    Boolean remove = args.has("remove") ? args.bool("remove", false) : null; // null: toggle
                    ReactionChange change = me.client().changeReaction(id, emoji, remove);
                    ObjectNode result = Views.object().put("message_id", change.messageId())
                            .put("emoji", change.emoji()).put("action", change.added() ? "add" : "remove")
                            .put("changed", change.changed());
                    ObjectNode reactions = result.putObject("reactions");
                    change.reactions().forEach((reaction, who) ->
                            who.forEach(reactions.withArrayProperty(reaction)::add));
                    return result;
                });
    }

    private ParleyTool search() {
        Schema schema = Schema.object()
                .string("query", "Text to find (any substring, case-insensitive, taken literally)", true)
                .string("channel", "Only in this channel (name or id)", false)
                .integer("limit", "At most this many results (default 20)", 1, 200, false);
        return new ParleyTool("search", "Search messages",
                "Full-text search over the messages in your channels, newest first.",
                schema, ParleyTool.Hints.reading(), (args, progress) -> {
                    int limit = args.integer("limit", 20);
                    String channel = args.has("channel") ? me.channel(args.string("channel")).name() : null;
                    List<Message> rows = me.client().searchJoined(args.requiredString("query"),
                            channel == null ? limit : 200);
                    List<Message> found = new ArrayList<>();
                    for (Message m : rows) {
                        boolean inChannel = channel == null || channel.equals(m.channelName());
                        if (me.canSee(m) && inChannel && found.size() < limit) {
                            found.add(m);
                        }
                    }
                    return Views.object().set("messages", Views.messages(found));
                });
    }

    /** The optional fields every sent message may carry. */
    private static Schema messageFields(Schema schema) {
        return schema
                .string("reply_to", "The message_id this answers (threads it; answers a request)", false)
                .choice("message_type", "text (default), code, action, file_ref or system", TYPES)
                .choice("priority", "urgent, normal (default) or low", PRIORITIES)
                .anyObject("metadata", "Any JSON object for machine-readable payloads (at most 16 KiB)");
    }

    private SendRequest message(Args args, String channel) {
        SendRequest message = SendRequest.of(channel, args.requiredText("body"))
                .withReplyTo(args.string("reply_to"))
                .withType(args.choice("message_type"))
                .withPriority(args.choice("priority"));
        Map<String, Object> metadata = args.object("metadata");
        return metadata == null ? message : message.withMetadata(metadata);
    }

    private JsonNode sent(SendRequest message) {
        // Sends go over the live session: without one, say so now rather than wait out the send timeout.
        me.requireConnection();
        return Views.object().set("sent", Views.message(me.client().send(message)));
    }

    /** The DM channel between this participant and another, created when needed. */
    static String dmChannel(AgentSession me, String other) {
        if (other.equals(me.name())) {
            throw new ToolError("'to' is you (" + me.name() + "); name another participant (participants lists them)");
        }
        return me.client().dmChannel(other).name();
    }

    private static Instant time(String since) {
        Instant time = WireTime.parse(since);
        if (time == null) {
            throw new ToolError("'since' must be a seq number (e.g. 42) or an ISO-8601 time (e.g."
                    + " 2026-02-20T04:54:28Z), not '" + since + "'");
        }
        return time;
    }
}
