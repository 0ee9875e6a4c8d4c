package dev.parley.server.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Features;
import dev.parley.protocol.FieldLimits;
import dev.parley.protocol.InboundFrame;
import dev.parley.protocol.Names;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.HubServices;
import dev.parley.server.auth.Authenticator.Admission;
import dev.parley.server.auth.Authenticator.Credentials;
import dev.parley.server.session.Session;
import dev.parley.server.wire.Errors;
import dev.parley.server.wire.WireFormat;
import dev.parley.store.Channel;
import dev.parley.store.Participant;
import dev.parley.store.Registration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auth} and {@code register}, and what happens when a socket goes away.
 *
 * <p>{@code auth}: check the credentials, register (or refresh) the participant, go online, answer
 * {@code auth_ok}, replay what was missed, then tell the participant's peers it is online. No socket thread
 * waits for the registration's write: what follows it runs on the admission threads once it is durable.
 */
final class AuthFrames {
    /** The protocol version compat clients are told: the reference hub (Tentyl 2.0) says "1.0", and so do we. */
    static final String PROTOCOL_VERSION = "1.0";
    /** Parley's own protocol revision (ext), beside the compat one; extensions are announced in {@code features}. */
    static final String PARLEY_PROTOCOL = "2.0";
    private static final Logger log = LoggerFactory.getLogger(AuthFrames.class);

    private final HubServices hub;
    /** Where an admission continues once its registration is durable (not the store's completion thread: it reads). */
    private final Executor finishing;
    /** Told of each connection that authenticated (its auth deadline ends). */
    private final Consumer<Session> authenticated;

    AuthFrames(HubServices hub, Executor finishing, Consumer<Session> authenticated) {
        this.hub = hub;
        this.finishing = finishing;
        this.authenticated = authenticated;
    }

    /**
     * {@code auth}: the frame is checked here; the registration is written without this thread waiting, and the rest
     * (online, {@code auth_ok}, the replay, presence) follows on {@code finishing} once it is durable. The
     * connection's later frames wait behind it ({@link Session#admission}).
     */
    void auth(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String name = frame.string("name");
        if (name == null || name.isBlank()) {
            throw new ProtocolException(ErrorCode.AUTH_FAILED, "'name' is required");
        }
        checkName(name, ErrorCode.AUTH_FAILED);
        checkProfile(frame);
        if (session.participant() != null) {
            throw new ProtocolException(ErrorCode.AUTH_FAILED, "this connection is already authenticated as '"
                    + session.participant() + "'; open another connection for another name");
        }
        Map<String, Long> resume = resumePositions(frame.object("resume"));
        Set<String> enabled = Features.negotiate(frame.strings("features"));
        String epoch = frame.string("epoch");
        admit(session, frame, name, failed, admitted -> {
            if (session.isClosed()) {
                return; // gone while its registration was written: nothing to bring online
            }
            session.authenticate(name, enabled);
            boolean cameOnline = hub.sessions().online(session);
            if (session.isClosed()) {
                gone(session); // closed meanwhile: its close may have run before it was online
                return;
            }
            session.send(WireFormat.text(authOk(name, enabled, admitted.issuedKey())));
            hub.replay().start(session, resume, epoch);
            if (cameOnline) {
                hub.conversations().online(name);
            }
            authenticated.accept(session);
            log.info("{} connected from {} ({}{})", name, session.transport().remoteAddress(),
                    enabled.isEmpty() ? "compat" : "ext", admitted.isNew() ? ", new" : "");
        });
    }

    /** {@code register}: as {@link #auth}, answered {@code register_ok} once the registration is durable. */
    void register(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        String name = frame.string("name");
        if (name == null || name.isBlank()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'name' is required");
        }
        checkName(name, ErrorCode.BAD_NAME);
        checkProfile(frame);
        admit(session, frame, name, failed, admitted -> {
            ObjectNode ok = WireFormat.frame("register_ok").put("name", name).put("is_new", admitted.isNew());
            if (admitted.issuedKey() != null) {
                ok.put("key", admitted.issuedKey());
            }
            session.send(WireFormat.text(ok));
        });
    }

    /**
     * Checks the credentials (here: a wrong key fails the frame at once) and writes the registration, claiming the
     * name if due (one store task); {@code then} runs on {@code finishing} once it is durable. A failure is answered
     * as the frame's error; a connection that used up its failed proofs is told why and closed with 1008.
     */
    private void admit(Session session, InboundFrame frame, String name, FrameDispatcher.FailureReply failed,
                       Consumer<Admission> then) {
        Registration registration = new Registration(name, FieldLimits.displayName(frame.string("display_name")),
                FieldLimits.participantType(frame.string("participant_type")),
                FieldLimits.hardwareId(frame.string("hardware_id")), session.transport().remoteAddress());
        CompletableFuture<Admission> written;
        try {
            written = hub.auth().registerAsync(registration, credentials(session, frame));
        } catch (RuntimeException e) {
            refuse(session, e);
            throw e;
        }
        CompletableFuture<Void> answered = written.thenAcceptAsync(then, finishing);
        answered.whenComplete((ignored, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                refuse(session, cause);
                failed.reply(session, frame, cause);
            }
        });
        session.admitting(answered);
    }

    /** A connection that used up its failed proofs is told why and closed. */
    private static void refuse(Session session, Throwable failure) {
        if (session.proofs().exhausted()) {
            ProtocolException error = Errors.toProtocol(failure);
            session.send(WireFormat.text(WireFormat.error(error.code(), error.detail())));
            session.close(Session.CLOSE_POLICY, "too many wrong keys or hub tokens on this connection");
        }
    }

    /** The socket closed: when it was the participant's last, its peers learn it went offline; claims that asked to end with it do. */
    void gone(Session session) {
        String name = session.participant();
        if (hub.sessions().gone(session) && name != null) {
            hub.conversations().offline(name);
            hub.claims().disconnected(name);
            log.info("{} disconnected", name);
        }
    }

    private ObjectNode authOk(String name, Set<String> enabled, String issuedKey) {
        ObjectNode ok = WireFormat.frame("auth_ok");
        Participant participant = hub.store().participants().find(name).orElseThrow();
        // The reference sends the participant's name as a string; the whole row is ours (ext) beside it.
        ok.put("participant", participant.name());
        ok.set("participant_info", WireFormat.participant(participant, true));
        ok.putArray("channels").addAll(hub.conversations().channelsOf(name).stream()
                .map(Channel::name).map(ok::textNode).toList());
        ok.put("pending_count", hub.conversations().pendingCount(name));
        ok.put("protocol_version", PROTOCOL_VERSION);
        ok.put("parley_protocol", PARLEY_PROTOCOL);
        ok.put("epoch", hub.epoch()); // ext: the line of history seq positions belong to
        ok.putArray("features").addAll(Features.ALL.stream().map(ok::textNode).toList());
        ok.putArray("enabled").addAll(enabled.stream().map(ok::textNode).toList());
        ok.put("auth_mode", hub.auth().mode().wire());
        if (issuedKey != null) {
            ok.put("key", issuedKey);
        }
        return ok;
    }

    private static Credentials credentials(Session session, InboundFrame frame) {
        return new Credentials(session.transport().isLoopback(), session.transport().remoteAddress(),
                frame.string("token"), frame.string("key"), session.proofs());
    }

    private static void checkName(String name, ErrorCode code) {
        try {
            Names.participant(name);
        } catch (ProtocolException e) {
            throw new ProtocolException(code, e.detail());
        }
    }

    /** The profile fields the hub stores, checked before anything is: too large or bad characters fail the frame. */
    private static void checkProfile(InboundFrame frame) {
        FieldLimits.displayName(frame.string("display_name"));
        FieldLimits.participantType(frame.string("participant_type"));
        FieldLimits.hardwareId(frame.string("hardware_id"));
    }

    /** {@code resume}: an object of channel (id or name) → last seq seen. */
    private static Map<String, Long> resumePositions(ObjectNode resume) {
        if (resume == null) {
            return null;
        }
        Map<String, Long> positions = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = resume.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isIntegralNumber() || field.getValue().asLong() < 0) {
                throw new ProtocolException(ErrorCode.BAD_FIELD, "'resume' maps channels to the last seq seen (an integer >= 0)");
            }
            positions.put(field.getKey(), field.getValue().asLong());
        }
        return positions;
    }
}
