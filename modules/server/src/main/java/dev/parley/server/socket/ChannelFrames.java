package dev.parley.server.socket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FieldLimits;
import dev.parley.protocol.InboundFrame;
import dev.parley.server.HubServices;
import dev.parley.server.session.Session;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code channels} extension on the socket, a channel's life cycle as the session's participant:
 * {@code leave_channel}, {@code rename_channel} ({@code name}), {@code set_topic} ({@code topic}),
 * {@code archive_channel} ({@code archived}: true, the default, or false to unarchive) and {@code delete_channel},
 * each with a {@code channel} → {@code channel} {@code change} {@code channel}, echoing {@code client_msg_id}. Members
 * hear of it as {@code channel_changed} (from fan-out, not from here).
 */
final class ChannelFrames {
    private final HubServices hub;

    ChannelFrames(HubServices hub) {
        this.hub = hub;
    }

    void leave(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        answer(session, frame, failed, "left", hub.conversations().leave(session.participant(), channel(frame)));
    }

    void rename(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String name = frame.requiredString("name", ErrorCode.BAD_FIELD);
        answer(session, frame, failed, "renamed", hub.conversations().rename(session.participant(), channel(frame),
                name));
    }

    void topic(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String topic = FieldLimits.topic(frame.string("topic"));
        answer(session, frame, failed, "topic", hub.conversations().setTopic(session.participant(), channel(frame),
                topic));
    }

    void archive(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        boolean archived = !Boolean.FALSE.equals(frame.bool("archived"));
        answer(session, frame, failed, archived ? "archived" : "unarchived",
                hub.conversations().archive(session.participant(), channel(frame), archived));
    }

    void delete(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        answer(session, frame, failed, "deleted", hub.conversations().deleteChannel(session.participant(),
                channel(frame)));
    }

    private static String channel(InboundFrame frame) {
        return frame.requiredString("channel", ErrorCode.BAD_FIELD);
    }

    private static void answer(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed, String change,
                               CompletableFuture<Channel> done) {
        done.whenComplete((channel, failure) -> {
            if (failure != null) {
                failed.reply(session, frame, failure);
            } else {
                ObjectNode out = Replies.to(frame, "channel").put("change", change);
                out.set("channel", WireFormat.channel(channel));
                session.send(WireFormat.text(out));
            }
        });
    }
}
