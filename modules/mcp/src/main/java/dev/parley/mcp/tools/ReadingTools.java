package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.Message;
import dev.parley.mcp.session.AgentSession;
import java.util.List;

/** An inbox that does not nag: mark a channel read up to a point, and take only what was not shown yet. */
final class ReadingTools {
    private final AgentSession me;

    ReadingTools(AgentSession me) {
        this.me = me;
    }

    List<ParleyTool> tools() {
        return List.of(markRead(), inbox());
    }

    private ParleyTool markRead() {
        Schema schema = Schema.object()
                .string("channel", "The channel (name or id)", true)
                .integer("seq", "Read up to this message seq (default: the newest)", 0, Integer.MAX_VALUE, false);
        return new ParleyTool("mark_read", "Mark a channel read",
                "Mark a channel read up to a message (its seq), or all of it: one step, however many messages. What "
                        + "is read no longer counts as unread nor comes from inbox.",
                schema, ParleyTool.Hints.changing(true), (args, progress) -> {
                    Long seq = args.has("seq") ? (long) args.integer("seq", 0) : null;
                    long upto = me.client().markRead(args.requiredString("channel"), seq);
                    return Views.object().put("channel", args.string("channel")).put("read_up_to_seq", upto);
                });
    }

    private ParleyTool inbox() {
        Schema schema = Schema.object()
                .integer("max", "Return at most this many messages (default 50)", 1, 500, false);
        return new ParleyTool("inbox", "What you have not seen",
                "The messages for " + me.name() + " not yet shown to it, oldest first, from every channel — and only "
                        + "those: each message comes from inbox once, ever, even after this MCP server restarts (the hub "
                        + "remembers; taking them marks them read). Returns at once; use wait_for_messages to block.",
                schema, ParleyTool.Hints.changing(false), (args, progress) -> { // it marks what it returns read
                    List<Message> taken = me.client().inbox(args.integer("max", 50));
                    ObjectNode result = Views.object();
                    result.set("messages", Views.messages(taken));
                    return result.put("count", taken.size());
                });
    }
}
