package dev.parley.server.socket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.HubServices;
import dev.parley.server.session.Session;
import dev.parley.server.wire.Errors;
import dev.parley.server.wire.WireFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each inbound frame against the limits, parses it and hands it to the handler for its
 * type. Every failure becomes an {@code error} frame on that session alone; the connection stays
 * open and no other session notices.
 */
final class FrameDispatcher {
    private static final Logger log = LoggerFactory.getLogger(FrameDispatcher.class);

    private final HubServices hub;
    private final AuthFrames auth;
    private final MessageFrames messages;
    private final StateFrames state;
    private final ClaimFrames claims;
    private final QuestionFrames questions;
    private final ProfileFrames profiles;
    private final ChannelFrames channels;
    private final LongAdder frames;
    private final LongAdder errors;

    /**
     * @param finishing     where an {@code auth} or {@code register} continues once its registration is durable
     * @param authenticated told of each connection that authenticated
     */
    FrameDispatcher(HubServices hub, Executor finishing, Consumer<Session> authenticated) {
        this.hub = hub;
        this.auth = new AuthFrames(hub, finishing, authenticated);
        this.messages = new MessageFrames(hub);
        this.state = new StateFrames(hub);
        this.claims = new ClaimFrames(hub);
        this.questions = new QuestionFrames(hub);
        this.profiles = new ProfileFrames(hub);
        this.channels = new ChannelFrames(hub);
        this.frames = hub.metrics().counter("parley_frames_total", "Frames received on sockets.");
        this.errors = hub.metrics().counter("parley_frame_errors_total", "Frames answered with an error.");
    }

    void handle(Session session, String text) {
        frames.increment();
        InboundFrame frame = null;
        try {
            if (text.length() > hub.limits().maxFrameChars()) {
                throw new ProtocolException(ErrorCode.TOO_LARGE,
                        "frame of " + text.length() + " characters; the limit is " + hub.limits().maxFrameChars());
            }
            if (!session.rateLimiter().tryAcquire()) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many frames per second on this connection");
            }
            frame = InboundFrame.parse(text);
            awaitAdmission(session);
            route(session, frame);
        } catch (RuntimeException failure) {
            reply(session, frame, failure);
        }
    }

    /**
     * A frame sent right behind an {@code auth} (or {@code register}) whose registration is still being written waits
     * for it here, so that it is handled as the participant that auth made, in order. Only a client that does not
     * wait for {@code auth_ok} ever waits here; the registration is one write, durable within milliseconds.
     */
    private static void awaitAdmission(Session session) {
        CompletableFuture<Void> admission = session.admission();
        if (admission.isDone()) {
            return;
        }
        try {
            admission.get(ADMISSION_PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException answeredWithAnError) {
            // The auth was answered with its error; this frame is handled as the connection now stands.
        } catch (TimeoutException e) {
            throw new ProtocolException(ErrorCode.OVERLOADED, "the auth sent before this frame is still being"
                    + " written after " + ADMISSION_PATIENCE_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(ErrorCode.OVERLOADED, "interrupted while waiting for the auth before this frame");
        }
    }

    /** How long a frame waits for the auth before it to be written. */
    private static final long ADMISSION_PATIENCE_SECONDS = 30;

    void binary(Session session) {
        reply(session, null, new ProtocolException(ErrorCode.BAD_JSON, "frames are JSON text, not binary"));
    }

    /** The socket closed. */
    void gone(Session session) {
        auth.gone(session);
    }

    private void route(Session session, InboundFrame frame) {
        switch (frame.type()) {
            case "auth" -> auth.auth(session, frame, this::reply);
            case "register" -> auth.register(session, frame, this::reply);
            case "ping" -> state.ping(session, frame);
            default -> {
                if (session.participant() == null) {
                    throw new ProtocolException(ErrorCode.NOT_AUTHENTICATED, "send an 'auth' frame first");
                }
                routeAuthenticated(session, frame);
            }
        }
    }

    private void routeAuthenticated(Session session, InboundFrame frame) {
        switch (frame.type()) {
            case "send" -> messages.send(session, frame, this::reply);
            case "edit" -> messages.edit(session, frame, this::reply);
            case "delete" -> messages.delete(session, frame, this::reply);
            case "react" -> messages.react(session, frame, this::reply);
            case "read_ack" -> state.readAck(session, frame, this::reply);
            case "mark_read" -> state.markRead(session, frame, this::reply);
            case "ack" -> state.ack(session, frame);
            case "history" -> state.history(session, frame);
            case "thread" -> state.thread(session, frame);
            case "typing" -> state.typing(session, frame);
            case "claim" -> claims.claim(session, frame, this::reply);
            case "release" -> claims.release(session, frame, this::reply);
            case "list_claims" -> claims.list(session, frame);
            case "ask_human" -> questions.ask(session, frame, this::reply);
            case "answer" -> questions.answer(session, frame, this::reply);
            case "set_profile" -> profiles.set(session, frame, this::reply);
            case "find_agents" -> profiles.find(session, frame);
            case "leave_channel" -> channels.leave(session, frame, this::reply);
            case "rename_channel" -> channels.rename(session, frame, this::reply);
            case "set_topic" -> channels.topic(session, frame, this::reply);
            case "archive_channel" -> channels.archive(session, frame, this::reply);
            case "delete_channel" -> channels.delete(session, frame, this::reply);
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + frame.type() + "'");
        }
    }

    /** Answers a failed frame with an error frame, echoing the client's correlation id if it sent one. */
    void reply(Session session, InboundFrame frame, Throwable failure) {
        errors.increment();
        ProtocolException error = Errors.toProtocol(failure);
        ObjectNode out = WireFormat.error(error.code(), error.detail());
        if (frame != null) {
            String clientMsgId = safeString(frame, "client_msg_id");
            if (clientMsgId != null) {
                out.put("client_msg_id", clientMsgId);
            }
            out.put("request_type", frame.type());
        }
        if (log.isDebugEnabled()) {
            log.debug("{}: {} {}", session, error.code().wire(), error.detail());
        }
        session.send(WireFormat.text(out));
    }

    private static String safeString(InboundFrame frame, String field) {
        try {
            return frame.string(field);
        } catch (ProtocolException e) {
            return null;
        }
    }

    /** What a handler calls when an asynchronous step fails. */
    @FunctionalInterface
    interface FailureReply {
        void reply(Session session, InboundFrame frame, Throwable failure);
    }
}
