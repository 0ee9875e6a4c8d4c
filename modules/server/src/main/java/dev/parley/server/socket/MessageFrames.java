package dev.parley.server.socket;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Features;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.HubServices;
import dev.parley.server.session.Session;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Appended;
import dev.parley.store.Channel;
import dev.parley.store.NewMessage;
import dev.parley.store.Reader;
import dev.parley.store.StoredMessage;
import java.util.concurrent.CompletableFuture;

/**
 * {@code send}, and the extensions that change messages: {@code edit}, {@code delete}, {@code react}.
 *
 * <p>Nothing here waits for the database (but a send's join of a channel, once): a send is validated,
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
        hub.reads().requireQuotable(sender, checked.replyTo());
        // The first send into a group channel joins it: in the same write task as the append, so nothing here
        // waits for the disk and the connection's sends stay in order (one FIFO writer).
        Channel target = hub.access().sendable(channel, sender);
        NewMessage message = new NewMessage(target.channelId(), sender, checked.body(), checked.messageType(),
                checked.priority(), checked.replyTo(), checked.metadata(), checked.to(), checked.clientMsgId());
        session.writes().track(textBytes(checked.body(), checked.metadata()), () -> hub.access().post(message))
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
        // Fan-out already happened on the store's commit hook, in commit order (see Hub).
        StoredMessage m = appended.message();
        if (m.clientMsgId() != null && session.has(Features.ACKED_SEND)) {
            session.send(WireFormat.text(WireFormat.frame("sent").put("client_msg_id", m.clientMsgId())
                    .put("message_id", m.messageId()).put("channel_id", m.channelId()).put("seq", m.seq())
                    .put("created_at", m.createdAt()).put("duplicate", appended.duplicate())));
        }
    }

    void edit(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String id = frame.requiredString("message_id", ErrorCode.BAD_FIELD);
        String body = input.body(frame);
        hub.reads().message(Reader.named(session.participant()), id);
        CompletableFuture<StoredMessage> edited = session.writes().track(textBytes(body, null),
                () -> hub.store().messages().edit(id, session.participant(), body));
        edited.whenComplete((m, failure) -> {
            if (failure != null) {
                failed.reply(session, frame, failure);
                return;
            }
            hub.fanOut().messageEvent(m, WireFormat.messageFrame("message_edited", m), Features.EDIT_DELETE);
        });
    }

    void delete(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String id = frame.requiredString("message_id", ErrorCode.BAD_FIELD);
        hub.reads().message(Reader.named(session.participant()), id);
        CompletableFuture<StoredMessage> deleted = session.writes().track(StateFrames.SMALL_WRITE,
                () -> hub.store().messages().delete(id, session.participant()));
        deleted.whenComplete((m, failure) -> {
            if (failure != null) {
                failed.reply(session, frame, failure);
                return;
            }
            hub.fanOut().messageEvent(m, WireFormat.text(WireFormat.frame("message_deleted")
                    .put("message_id", m.messageId()).put("channel_id", m.channelId()).put("seq", m.seq())
                    .put("deleted_at", m.deletedAt())),
                    Features.EDIT_DELETE);
        });
    }

    void react(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String id = frame.requiredString("message_id", ErrorCode.BAD_FIELD);
        String emoji = input.emoji(frame);
        boolean add = !Boolean.TRUE.equals(frame.bool("remove"));
        StoredMessage target = hub.reads().message(Reader.named(session.participant()), id);
        CompletableFuture<Boolean> reacted = session.writes().track(StateFrames.SMALL_WRITE,
                () -> hub.store().messages().react(id, session.participant(), emoji, add));
        reacted.whenComplete((changed, failure) -> {
            if (failure != null) {
                failed.reply(session, frame, failure);
            } else if (changed) {
                hub.fanOut().messageEvent(target, WireFormat.text(WireFormat.frame("reaction").put("message_id", id)
                        .put("channel_id", target.channelId()).put("participant", session.participant())
                        .put("emoji", emoji).put("action", add ? "add" : "remove")), Features.REACTIONS);
            }
        });
    }
}
