package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.Message;
import dev.parley.client.Participant;
import dev.parley.client.SendRequest;
import dev.parley.mcp.session.AgentSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code request}: ask another participant and wait for its answer. The question is a targeted
 * message ({@code to}: only the target receives it); the answer is the first message whose
 * {@code reply_to} is the question's id. Fails at once when the target is offline — nobody would
 * answer — and as soon as it goes offline while the question is open.
 */
final class RequestTool {
    private final AgentSession me;

    RequestTool(AgentSession me) {
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
        Participant row = PeopleTools.find(me, target);
        if (!row.online()) {
            throw new ToolError("'" + target + "' is offline (last seen "
                    + (row.lastSeenAt() == null ? "never" : Views.time(row.lastSeenAt()))
                    + "), so nobody would answer; send_dm leaves a message it gets when it reconnects");
        }
        me.requireConnection(); // the answer comes over the live session
        String channel = args.has("channel") ? me.channel(args.string("channel")).name()
                : MessageTools.dmChannel(me, target);
        SendRequest question = SendRequest.of(channel, body).withTarget(target);
        Map<String, Object> metadata = args.object("metadata");
        if (metadata != null) {
            question = question.withMetadata(metadata);
        }
        me.expectOnline(target); // from here on, only news of it leaving counts
        long start = System.nanoTime();
        String id = me.client().send(question).messageId();
        List<Message> taken = Waits.take(me.client(), m -> id.equals(m.replyTo()), 1, timeout,
                () -> abortReason(target, id) != null, progress, "waiting for " + target + " to answer");
        if (taken.isEmpty()) {
            String reason = abortReason(target, id);
            throw new ToolError(reason != null ? reason : "no reply from '" + target + "' within " + Math.round(timeout)
                    + " s to request " + id + "; a late reply will still come through wait_for_messages");
        }
        ObjectNode result = Views.object();
        result.set("reply", Views.message(taken.get(0)));
        return result.put("request_id", id).put("round_trip_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private String abortReason(String target, String id) {
        if (me.wentOffline(target)) {
            return "'" + target + "' went offline before answering request " + id
                    + "; if it comes back, its reply will come through wait_for_messages";
        }
        return me.refusal();
    }
}
