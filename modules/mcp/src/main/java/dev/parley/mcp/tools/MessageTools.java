package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.mcp.hub.History;
import dev.parley.mcp.hub.HubParticipant;
import dev.parley.mcp.hub.HubRest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Posting and reading messages: send_message, send_dm, read_messages, edit_message, delete_message, react, search. */
final class MessageTools {
    private static final List<String> TYPES = List.of("text", "code", "action", "file_ref", "system");
    private static final List<String> PRIORITIES = List.of("urgent", "normal", "low");

    private final HubParticipant me;
    private final History history;

    MessageTools(HubParticipant me) {
        this.me = me;
        this.history = new History(me);
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
                    ObjectNode body = message(args, args.requiredString("channel"));
                    if (args.has("to")) {
                        body.put("to", args.string("to"));
                    }
                    return sent(body);
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
                    JsonNode channel = me.channel(args.requiredString("channel"));
                    String name = channel.path("name").asText();
                    int limit = args.integer("limit", 50);
                    String since = args.string("since");
                    List<JsonNode> messages;
                    if (since == null) {
                        messages = history.latest(name, limit);
                    } else if (since.matches("\\d{1,18}")) {
                        messages = history.afterSeq(name, Long.parseLong(since), limit);
                    } else {
                        messages = history.afterTime(name, channel.path("last_seq").asLong(), time(since), limit);
                    }
                    ObjectNode result = Views.object().put("channel", name);
                    result.set("messages", Views.messages(messages));
                    long last = messages.isEmpty() ? -1 : messages.get(messages.size() - 1).path("seq").asLong();
                    if (last >= 0) {
                        result.put("next_since", last);
                    }
                    result.put("more", since != null && last >= 0 && last < channel.path("last_seq").asLong());
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
                    ObjectNode body = Views.object().put("participant", me.name()).put("body", args.requiredText("body"));
                    String id = args.requiredString("message_id");
                    JsonNode edited = me.rest().patch("/api/messages/" + HubRest.encode(id), body);
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
                    JsonNode deleted = me.rest().delete("/api/messages/" + HubRest.encode(id) + "?participant="
                            + HubRest.encode(me.name()));
                    return Views.object().put("deleted", true).put("message_id", deleted.path("message_id").asText(id));
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
                    ObjectNode body = Views.object().put("message_id", args.requiredString("message_id"))
                            .put("participant", me.name()).put("emoji", args.requiredString("emoji"));
                    if (args.has("remove")) {
                        body.put("remove", args.bool("remove", false));
                    }
                    JsonNode answer = me.rest().post("/api/react", body).body();
                    ObjectNode result = Views.object().put("message_id", answer.path("message_id").asText())
                            .put("emoji", answer.path("emoji").asText()).put("action", answer.path("action").asText())
                            .put("changed", answer.path("changed").asBoolean());
                    ObjectNode reactions = result.putObject("reactions");
                    answer.path("reactions").forEach(r -> reactions.withArrayProperty(r.path("emoji").asText())
                            .add(r.path("participant").asText()));
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
                    String channel = args.has("channel") ? me.channel(args.string("channel")).path("name").asText() : null;
                    JsonNode rows = me.rest().get("/api/search?q=" + HubRest.encode(args.requiredString("query"))
                            + "&participant=" + HubRest.encode(me.name()) + "&limit=" + (channel == null ? limit : 200));
                    List<JsonNode> found = new java.util.ArrayList<>();
                    for (JsonNode m : rows) {
                        if (me.canSee(m) && (channel == null || channel.equals(m.path("channel_name").asText()))
                                && found.size() < limit) {
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

    private ObjectNode message(Args args, String channel) {
        ObjectNode body = Views.object().put("sender", me.name()).put("channel", channel)
                .put("body", args.requiredText("body"));
        for (String field : List.of("reply_to", "message_type", "priority")) {
            String value = field.equals("reply_to") ? args.string(field) : args.choice(field);
            if (value != null) {
                body.put(field, value);
            }
        }
        ObjectNode metadata = args.object("metadata");
        if (metadata != null) {
            body.set("metadata", metadata);
        }
        return body;
    }

    private JsonNode sent(ObjectNode body) {
        JsonNode stored = me.rest().post("/api/send", body).body();
        me.joinedChannel(stored.path("channel_name").asText());
        return Views.object().set("sent", Views.message(stored));
    }

    /** The DM channel between this participant and another, created when needed. */
    static String dmChannel(HubParticipant me, String other) {
        if (other.equals(me.name())) {
            throw new ToolError("'to' is you (" + me.name() + "); name another participant (participants lists them)");
        }
        JsonNode channel = me.rest().post("/api/dm", Views.object().put("participant_a", me.name())
                .put("participant_b", other)).body();
        String name = channel.path("channel_name").asText(channel.path("name").asText());
        me.joinedChannel(name);
        return name;
    }

    private static Instant time(String since) {
        try {
            return History.parseTime(since);
        } catch (DateTimeParseException e) {
            throw new ToolError("'since' must be a seq number (e.g. 42) or an ISO-8601 time (e.g."
                    + " 2026-02-20T04:54:28Z), not '" + since + "'");
        }
    }
}
