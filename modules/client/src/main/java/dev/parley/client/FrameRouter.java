package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.transport.FrameSocket;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.wire.WireTime;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's side of each connection: builds the {@code auth} frame, sets a new connection up
 * ({@code auth_ok}), and sends every later frame where it belongs — messages through dedupe to the
 * reply waiters or the caller, {@code sent} and send errors to the outbox, events to the listeners.
 *
 * <p>Runs on the reader thread (one frame at a time, in order) and never blocks it.
 */
final class FrameRouter implements Link.Hooks {
    private static final Logger log = LoggerFactory.getLogger(FrameRouter.class);
    private static final long RETRY_MILLIS = 200;

    private final ClientSettings settings;
    private final Credentials credentials;
    private final Positions positions;
    private final Outbox outbox;
    private final AckTracker acks;
    private final Replies replies;
    private final PresenceCache presence;
    private final ChannelNames channelNames;
    private final Dispatcher dispatcher;
    private final JoinedChannels joined;
    private final Pongs pongs;
    private final ConnectionWatch watch;
    private final ScheduledExecutorService timer;
    private final Runnable refreshPresence;
    private final Executor workers;
    private volatile FeatureSet features;
    private volatile boolean negotiated;
    private volatile FrameSocket current;

    FrameRouter(ClientSettings settings, Credentials credentials, ClientParts parts, ScheduledExecutorService timer,
                Executor workers, Runnable refreshPresence) {
        this.settings = settings;
        this.credentials = credentials;
        this.positions = parts.positions();
        this.outbox = parts.outbox();
        this.acks = parts.acks();
        this.replies = parts.replies();
        this.presence = parts.presence();
        this.channelNames = parts.channelNames();
        this.dispatcher = parts.dispatcher();
        this.joined = parts.joined();
        this.pongs = parts.pongs();
        this.watch = parts.watch();
        this.timer = timer;
        this.workers = workers;
        this.refreshPresence = refreshPresence;
        this.features = new FeatureSet(Set.of(), Set.of(), settings.compatOnly());
    }

    /** The extensions of the current (or last) connection; none before the first. */
    FeatureSet features() {
        return features;
    }

    /** True once a connection was authenticated, so {@link #features()} is the hub's answer. */
    boolean negotiated() {
        return negotiated;
    }

    @Override
    public String authFrame() {
        ObjectNode auth = settings.introduction("auth", credentials);
        if (!settings.compatOnly()) {
            auth.putArray("features").add("*");
            ObjectNode resume = auth.putObject("resume");
            positions.resumeFrom().forEach(resume::put);
            String epoch = positions.epoch();
            if (epoch != null) {
                auth.put("epoch", epoch);
            }
        }
        return Wire.text(auth);
    }

    @Override
    public void authenticated(FrameSocket connection, JsonNode ok) {
        positions.authenticatedIn(ok.hasNonNull("epoch") ? ok.get("epoch").asText() : null);
        FeatureSet negotiated = new FeatureSet(strings(ok.get("features")), strings(ok.get("enabled")),
                settings.compatOnly());
        if (!negotiated.equals(features)) {
            log.info("{} on {}: {}", settings.name(), settings.serverUri(), negotiated.describe());
        }
        features = negotiated;
        this.negotiated = true;
        credentials.issued(Wire.string(ok, "key"));
        current = connection;
        joined.authenticated(ok);
        dispatcher.reconnected();
        if (negotiated.has(FeatureSet.ACKED_SEND)) {
            outbox.attach(connection);
        }
        if (negotiated.has(FeatureSet.DELIVERY_ACK)) {
            acks.reconnected();
        }
        workers.execute(refreshPresence);
    }

    @Override
    public void lost(FrameSocket connection) {
        outbox.detach(connection);
        if (current == connection) {
            current = null;
        }
    }

    /** Drops the current connection; the link reconnects and the hub replays from the resume positions. */
    void resync() {
        FrameSocket connection = current;
        if (connection != null) {
            connection.abort(new IOException("dropped so the hub replays what the full inbox left out"));
        }
    }

    @Override
    public void state(ConnectionEvent event) {
        if (event.state() == ConnectionState.CLOSED) {
            // Not on this thread: the link calls this holding its lock, and failing a send runs the caller's callbacks.
            ParleyException closed = new ParleyException(ParleyException.CLOSED, "the connection was closed for good"
                    + (event.detail() == null ? "" : ": " + event.detail()));
            try {
                workers.execute(() -> outbox.failAll(closed));
            } catch (RejectedExecutionException shutDown) {
                outbox.failAll(closed);
            }
        }
        watch.changed(event.state());
        dispatcher.event(event);
    }

    @Override
    public void frame(JsonNode frame) {
        switch (frame.path("type").asText()) {
            case "message" -> message(Wire.message(frame));
            case "queued" -> frame.path("messages").forEach(m -> message(Wire.message(m)));
            case "sent" -> outbox.sent(frame);
            case "error" -> error(frame);
            case "resumed" -> positions.resumed(frame);
            case "presence" -> presence(frame);
            case "typing" -> dispatcher.event(new TypingEvent(Wire.string(frame, "channel_id"),
                    Wire.string(frame, "channel"), Wire.string(frame, "participant")));
            case "receipt" -> dispatcher.event(new ReceiptEvent(Wire.list(frame.get("message_ids"), JsonNode::asText),
                    Wire.string(frame, "reader"), Wire.string(frame, "status")));
            case "message_edited" -> dispatcher.event(new EditEvent(Wire.message(frame)));
            case "message_deleted" -> dispatcher.event(new DeleteEvent(Wire.string(frame, "message_id"),
                    Wire.string(frame, "channel_id"), frame.path("seq").asLong(0),
                    WireTime.parse(Wire.string(frame, "deleted_at"))));
            case "reaction" -> dispatcher.event(new ReactionEvent(Wire.string(frame, "message_id"),
                    Wire.string(frame, "channel_id"), Wire.string(frame, "participant"), Wire.string(frame, "emoji"),
                    !"remove".equals(Wire.string(frame, "action"))));
            case "pong" -> pongs.arrived();
            case "history_result", "thread_result", "register_ok" -> { }
            default -> log.debug("ignoring a frame of type '{}'", frame.path("type").asText());
        }
    }

    /**
     * One arriving message: new ones only; not our own (a resume replays them) nor ones targeted
     * at someone else; then to the request waiting for it, or to the caller. While the inbox is full
     * it is dropped before it counts as seen, so the hub replays it later.
     */
    private void message(Message m) {
        channelNames.learn(m.channelId(), m.channelName());
        boolean replayable = features.has(FeatureSet.RESUME) && m.seq() > 0 && m.channelId() != null;
        if (!dispatcher.hasRoomFor(m, replayable)) {
            return;
        }
        joined.add(m.channelName());
        if (!positions.accept(m) || settings.name().equals(m.sender()) || m.deleted()
                || (m.to() != null && !m.to().equals(settings.name()))) {
            return;
        }
        boolean acked = features.has(FeatureSet.DELIVERY_ACK) && m.seq() > 0;
        if (acked) {
            acks.received(m.channelId(), m.seq());
        }
        if (replies.claim(m)) {
            if (acked) {
                acks.handedOver(m.channelId(), m.seq());
            }
            return;
        }
        dispatcher.message(m);
    }

    private void error(JsonNode frame) {
        String code = frame.path("code").asText();
        String detail = frame.path("detail").asText();
        String clientMsgId = Wire.string(frame, "client_msg_id");
        if (clientMsgId != null && (code.equals(ErrorCode.RATE_LIMITED.wire()) || code.equals(ErrorCode.OVERLOADED.wire()))) {
            log.debug("hub says {} for send {}; retrying", code, clientMsgId);
            timer.schedule(() -> outbox.resend(clientMsgId), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (!outbox.failed(clientMsgId, new ParleyException(code, detail))) {
            log.debug("hub error {}: {}", code, detail);
            dispatcher.event(new ErrorEvent(code, detail, Wire.string(frame, "request_type")));
        }
    }

    private void presence(JsonNode frame) {
        PresenceEvent event = new PresenceEvent(Wire.string(frame, "participant"),
                "online".equals(Wire.string(frame, "status")), WireTime.parse(Wire.string(frame, "timestamp")));
        presence.update(event);
        dispatcher.event(event);
    }

    private static Set<String> strings(JsonNode array) {
        return new LinkedHashSet<>(Wire.list(array, JsonNode::asText));
    }
}
