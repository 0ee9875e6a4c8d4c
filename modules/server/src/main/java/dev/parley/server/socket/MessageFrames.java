package dev.parley.server.socket;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Features;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.HubServices;
import dev.parley.server.conversation.MessageInput;
import dev.parley.server.session.Session;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Appended;
import dev.parley.store.NewMessage;
import dev.parley.store.StoredMessage;

/**
 * {@code send}, and the extensions that change messages: {@code edit}, {@code delete}, {@code react}.
 *
 * <p>Nothing here waits for the database: a send is validated,
 * queued for the writer, and answered ({@code sent}, fan-out) when its transaction committed, on the
 * store's completion thread. A connection's sends therefore reach the writer, and its channel, in the
 * order they were sent. Each write goes through the connection's
 * {@link dev.parley.server.session.WriteWindow}: a connection with too many writes waiting has its
 * reading paused until one committed.
 */
final class MessageFrames {
    private final HubServices hub;
    private final MessageInput input;

    MessageFrames(HubServices hub) {
        this.hub = hub;
        this.input = new MessageInput(hub.limits());
    }

    void send(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String sender = session.participant();
        String channel = frame.string("channel") != null ? frame.string("channel") : frame.string("channel_id");
        if (channel == null || channel.isBlank()) {
            throw new ProtocolException(ErrorCode.CHANNEL_NOT_FOUND, "'channel' is required");
        }
        MessageInput.Checked checked = input.check(frame);
        NewMessage message = hub.conversations().compose(sender, channel, checked);
        session.writes().track(textBytes(checked.body(), checked.metadata()), () -> hub.conversations().post(message))
                .whenComplete((appended, failure) -> {
                    if (failure != null) {
                        failed.reply(session, frame, failure);
                    } else {
                        delivered(session, appended);
                    }
                });
    }

    /** What a write of this text counts against the connection's window, as the write queue counts it. */
    private static long textBytes(String body, String metadata) {
        return StateFrames.SMALL_WRITE + Session.bytes(body == null ? "" : body)
                + Session.bytes(metadata == null ? "" : metadata);
    }

    private void delivered(Session session, Appended appended) {
        // Fan-out already happened on the store's event, in commit order (see Hub).
        StoredMessage m = appended.message();
        if (m.clientMsgId() != null && session.has(Features.ACKED_SEND)) {
            session.send(WireFormat.text(WireFormat.frame("sent").put("client_msg_id", m.clientMsgId())
                    .put("message_id", m.messageId()).put("channel_id", m.channelId()).put("seq", m.seq())
                    .put("created_at", m.createdAt()).put("duplicate", appended.duplicate())));
        }
    }

    /** Edits, deletes and reactions reach the members through the store's events; only a failure is answered. */
    void edit(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String id = frame.requiredString("message_id", ErrorCode.BAD_FIELD);
        String body = input.body(frame);
        session.writes().track(textBytes(body, null), () -> hub.conversations().edit(session.participant(), id, body))
                .whenComplete((m, failure) -> replyOnFailure(session, frame, failed, failure));
    }

    void delete(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String id = frame.requiredString("message_id", ErrorCode.BAD_FIELD);
        session.writes().track(StateFrames.SMALL_WRITE, () -> hub.conversations().delete(session.participant(), id))
                .whenComplete((m, failure) -> replyOnFailure(session, frame, failed, failure));
    }

    void react(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String id = frame.requiredString("message_id", ErrorCode.BAD_FIELD);
        String emoji = input.emoji(frame);
        boolean add = !Boolean.TRUE.equals(frame.bool("remove"));
        session.writes().track(StateFrames.SMALL_WRITE,
                        () -> hub.conversations().react(session.participant(), id, emoji, add))
                .whenComplete((change, failure) -> replyOnFailure(session, frame, failed, failure));
    }

    private static void replyOnFailure(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed,
                                       Throwable failure) {
        if (failure != null) {
            failed.reply(session, frame, failure);
        }
    }
}
