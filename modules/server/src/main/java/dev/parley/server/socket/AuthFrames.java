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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auth} and {@code register}, and what happens when a socket goes away.
 *
 * <p>{@code auth}: check the credentials, register (or refresh) the participant, go online, answer
 * {@code auth_ok}, replay what was missed, then tell the participant's peers it is online. The
 * registration is awaited on the connection's own thread: it happens once per connection.
 */
final class AuthFrames {
    /** The protocol version compat clients are told: the reference hub (Tentyl 2.0) says "1.0", and so do we. */
    static final String PROTOCOL_VERSION = "1.0";
    /** Parley's own protocol revision (ext), beside the compat one; extensions are announced in {@code features}. */
    static final String PARLEY_PROTOCOL = "2.0";
    private static final Logger log = LoggerFactory.getLogger(AuthFrames.class);

    private final HubServices hub;

    AuthFrames(HubServices hub) {
        this.hub = hub;
    }

    void auth(Session session, InboundFrame frame) {
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
        Admission admitted = register(session, frame, name);
        boolean isNew = admitted.isNew();
        String issuedKey = admitted.issuedKey();
        Map<String, Long> resume = resumePositions(frame.object("resume"));
        Set<String> enabled = Features.negotiate(frame.strings("features"));

        session.authenticate(name, enabled);
        boolean cameOnline = hub.sessions().online(session);
        session.send(WireFormat.text(authOk(name, enabled, issuedKey)));
        hub.replay().start(session, resume, frame.string("epoch"));
        if (cameOnline) {
            hub.conversations().online(name);
        }
        log.info("{} connected from {} ({}{})", name, session.transport().remoteAddress(),
                enabled.isEmpty() ? "compat" : "ext", isNew ? ", new" : "");
    }

    void register(Session session, InboundFrame frame) {
        String name = frame.string("name");
        if (name == null || name.isBlank()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "'name' is required");
        }
        checkName(name, ErrorCode.BAD_NAME);
        checkProfile(frame);
        Admission admitted = register(session, frame, name);
        String issuedKey = admitted.issuedKey();
        ObjectNode ok = WireFormat.frame("register_ok").put("name", name).put("is_new", admitted.isNew());
        if (issuedKey != null) {
            ok.put("key", issuedKey);
        }
        session.send(WireFormat.text(ok));
    }

    /** The socket closed: when it was the participant's last, its peers learn it went offline. */
    void gone(Session session) {
        String name = session.participant();
        if (hub.sessions().gone(session) && name != null) {
            hub.conversations().offline(name);
            log.info("{} disconnected", name);
        }
    }

    /**
     * Checks the credentials and registers, claiming the name if due (one store task). A connection
     * that used up its failed proofs is told why and closed with 1008.
     */
    private Admission register(Session session, InboundFrame frame, String name) {
        Registration registration = new Registration(name, FieldLimits.displayName(frame.string("display_name")),
                FieldLimits.participantType(frame.string("participant_type")),
                FieldLimits.hardwareId(frame.string("hardware_id")), session.transport().remoteAddress());
        Admission admitted;
        try {
            admitted = hub.auth().register(registration, credentials(session, frame));
        } catch (RuntimeException e) {
            if (session.proofs().exhausted()) {
                ProtocolException error = Errors.toProtocol(e);
                session.send(WireFormat.text(WireFormat.error(error.code(), error.detail())));
                session.close(Session.CLOSE_POLICY, "too many wrong keys or hub tokens on this connection");
            }
            throw e;
        }
        return admitted;
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
