package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.mcp.hub.HubParticipant;
import dev.parley.mcp.hub.Inbox;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code request}: ask another participant and wait for its answer. The question is a targeted
 * message ({@code to}: only the target receives it); the answer is the first message whose
 * {@code reply_to} is the question's id. Fails at once when the target is offline — nobody would
 * answer — and as soon as it goes offline while the question is open.
 */
final class RequestTool {
    private final HubParticipant me;

    RequestTool(HubParticipant me) {
        this.me = me;
    }

    ParleyTool tool() {
        Schema schema = Schema.object()
                .string("to", "The participant to ask (must be online), e.g. 'reviewer-bot'", true)
                .string("body", "The question or task", true)
                .string("channel", "Ask in this channel (the target must be a member); default: your DM channel with"
                        + " them", false)
                .number("timeout_seconds", "Give up waiting for the answer after this long (default 60)", 1, 600, false)
                .anyObject("metadata", "Any JSON object for machine-readable payloads");
        return new ParleyTool("request", "Ask and wait for the answer",
                "Ask another participant (usually an agent) something and wait for its reply: the first message"
                        + " with reply_to = this request's id. Fails at once if the target is offline. The target"
                        + " answers with send_message/send_dm and reply_to set to the request's message_id.",
                schema, ParleyTool.Hints.posting(), this::request);
    }

    private JsonNode request(Args args, ParleyTool.Progress progress) {
        String target = args.requiredString("to");
        String body = args.requiredText("body");
        double timeout = args.number("timeout_seconds", 60);
        if (target.equals(me.name())) {
            throw new ToolError("'to' is you (" + me.name() + "); ask another participant (presence shows who is online)");
        }
        JsonNode row = PeopleTools.find(me, target);
        if (row.path("is_online").asInt() != 1) {
            throw new ToolError("'" + target + "' is offline (last seen " + row.path("last_seen_at").asText("never")
                    + "), so nobody would answer; send_dm leaves a message it gets when it reconnects");
        }
        me.requireConnection(); // the answer comes over the live session
        String channel = args.has("channel") ? me.channel(args.string("channel")).path("name").asText()
                : MessageTools.dmChannel(me, target);
        ObjectNode question = Views.object().put("sender", me.name()).put("channel", channel).put("body", body)
                .put("to", target);
        ObjectNode metadata = args.object("metadata");
        if (metadata != null) {
            question.set("metadata", metadata);
        }
        me.inbox().presence(target, "online"); // from here on, only news of it leaving counts
        long start = System.nanoTime();
        JsonNode sent = me.rest().post("/api/send", question).body();
        String id = sent.path("message_id").asText();
        Inbox.Taken taken = Waits.take(me.inbox(), m -> id.equals(m.path("reply_to").asText()), 1, timeout,
                () -> abortReason(target, id), progress, "waiting for " + target + " to answer");
        if (taken.abortedBecause() != null) {
            throw new ToolError(taken.abortedBecause());
        }
        if (taken.timedOut()) {
            throw new ToolError("no reply from '" + target + "' within " + Math.round(timeout) + " s to request " + id
                    + "; a late reply will still come through wait_for_messages");
        }
        JsonNode reply = taken.messages().get(0);
        me.delivered(List.of(reply));
        ObjectNode result = Views.object();
        result.set("reply", Views.message(reply));
        return result.put("request_id", id).put("round_trip_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private String abortReason(String target, String id) {
        if ("offline".equals(me.inbox().presenceOf(target))) {
            return "'" + target + "' went offline before answering request " + id
                    + "; if it comes back, its reply will come through wait_for_messages";
        }
        return me.socket().isRejected() ? me.socket().problem() : null;
    }
}
