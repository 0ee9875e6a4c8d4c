package dev.parley.mcp.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This MCP server's one participant on the hub: the REST API for requests and answers, and a live
 * {@link HubSocket} feeding the {@link Inbox} with what is delivered to it.
 *
 * <pre>HubParticipant.connect(HubAddress.of("http://localhost:9700", null, null), "agent-a", null, "ai", wait)</pre>
 *
 * <p>Thread-safe: tool calls run concurrently on the MCP server's worker threads; the socket thread
 * only feeds the inbox and the set of joined channels (a concurrent set).
 */
public final class HubParticipant implements AutoCloseable, HubSocket.Listener {
    private static final Logger log = LoggerFactory.getLogger(HubParticipant.class);
    private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_GRACE = Duration.ofSeconds(5);
    /** Ids per {@code read_ack} frame, well inside the hub's 64 KiB frame limit. */
    private static final int READ_ACK_BATCH = 500;

    private final String name;
    private final HubAddress address;
    private final HubRest rest;
    private final HubSocket socket;
    private final Inbox inbox = new Inbox(Integer.getInteger("parley.mcp.inboxCapacity", Inbox.DEFAULT_CAPACITY));
    private final Set<String> joined = ConcurrentHashMap.newKeySet();

    private HubParticipant(HubAddress address, String name, String displayName, String participantType) {
        this.name = name;
        this.address = address;
        this.rest = new HubRest(address, name);
        this.socket = new HubSocket(address, name, displayName, participantType, this);
    }

    /**
     * Opens the live session and waits up to {@code wait} for the hub to accept it (zero: do not
     * wait). A hub that is down is not fatal: the session keeps reconnecting and tools report the
     * problem meanwhile.
     */
    public static HubParticipant connect(HubAddress address, String name, String displayName, String participantType,
                                         Duration wait) {
        HubParticipant participant = new HubParticipant(address, name, displayName, participantType);
        participant.socket.start(wait);
        return participant;
    }

    /** Waits a little for the live session when it is being (re)established; throws when there is none. */
    public void requireConnection() {
        if (!socket.awaitConnected(CONNECT_GRACE)) {
            throw notConnected();
        }
    }

    public String name() {
        return name;
    }

    public HubAddress address() {
        return address;
    }

    public HubRest rest() {
        return rest;
    }

    public HubSocket socket() {
        return socket;
    }

    public Inbox inbox() {
        return inbox;
    }

    /** Names of the channels this participant is known to be in (from {@code auth_ok} and since). */
    public Set<String> joined() {
        return Set.copyOf(joined);
    }

    /** Records a channel this participant just joined or created. */
    public void joinedChannel(String channelName) {
        joined.add(channelName);
    }

    /** Every channel on the hub, as {@code /api/channels} lists them. */
    public List<JsonNode> channels() {
        List<JsonNode> list = new java.util.ArrayList<>();
        rest.getAll("/api/channels").forEach(list::add);
        return list;
    }

    /**
     * The channel with this name or id.
     *
     * @throws HubException {@code channel_not_found} when there is none
     */
    public JsonNode channel(String reference) {
        for (JsonNode channel : channels()) {
            if (reference.equals(channel.path("name").asText()) || reference.equals(channel.path("channel_id").asText())) {
                return channel;
            }
        }
        throw new HubException("channel_not_found", 404, "channel not found: " + reference);
    }

    /**
     * Whether a message is this participant's to see: REST reads return every message of a channel,
     * including those targeted ({@code to}) at someone else, which are not shown to the agent.
     */
    public boolean canSee(JsonNode message) {
        String to = message.path("to").asText("");
        return to.isEmpty() || to.equals(name) || message.path("sender").asText().equals(name);
    }

    /** Tells the hub these messages reached the agent, so it stops holding them for this participant. */
    public void delivered(Collection<? extends JsonNode> messages) {
        if (messages.isEmpty()) {
            return;
        }
        ObjectNode body = Json.mapper().createObjectNode().put("recipient", name);
        ArrayNode ids = body.putArray("message_ids");
        messages.forEach(m -> ids.add(m.path("message_id").asText()));
        try {
            rest.post("/api/ack", body);
        } catch (HubException e) {
            // Not fatal: the hub replays them after the next reconnect and the inbox drops the copies.
            log.warn("could not ack delivery of {} message(s): {}", messages.size(), e.getMessage());
        }
        if (inbox.resyncDue()) {
            log.info("the inbox overflowed and is empty again: reconnecting so the hub replays the dropped messages");
            socket.reconnect();
        }
    }

    /**
     * Marks messages read (senders get read receipts) and returns once the hub has stored that, so
     * an {@code unread} right after sees it.
     *
     * <p>{@code read_ack} exists only on the socket and has no answer, so this waits in two steps: a
     * ping's pong shows the hub took the frame off this connection (frames are handled in order) and
     * queued its write; then a REST ack of nothing completes only after the hub's single writer has
     * committed everything queued before it.
     */
    public void markRead(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        requireConnection();
        List<String> all = List.copyOf(messageIds);
        for (int from = 0; from < all.size(); from += READ_ACK_BATCH) {
            ObjectNode frame = Json.mapper().createObjectNode().put("type", "read_ack");
            ArrayNode ids = frame.putArray("message_ids");
            all.subList(from, Math.min(all.size(), from + READ_ACK_BATCH)).forEach(ids::add);
            if (!socket.send(frame)) {
                throw notConnected();
            }
        }
        if (!socket.roundTrip(BARRIER_TIMEOUT)) {
            throw notConnected();
        }
        rest.post("/api/ack", Json.mapper().createObjectNode().put("recipient", name).set("message_ids",
                Json.mapper().createArrayNode()));
    }

    /** The error for an operation that needs the live session while there is none. */
    public HubException notConnected() {
        String problem = socket.problem();
        return new HubException(HubException.UNREACHABLE, 0, "no live connection to the hub at " + address.server()
                + (problem == null ? "" : ": " + problem));
    }

    @Override
    public void authenticated(JsonNode authOk) {
        log.info("connected to {} as {}", address.server(), name);
        authOk.path("channels").forEach(c -> joined.add(c.asText()));
        String key = authOk.path("key").asText(null);
        if (key != null) {
            log.warn("the hub issued a key for '{}' and shows it only this once: {} — set PARLEY_KEY={} (or --key)"
                    + " for later runs, or the name cannot be used again", name, key, key);
        }
        inbox.nudge();
    }

    @Override
    public void frame(JsonNode frame) {
        switch (frame.path("type").asText()) {
            case "message" -> received((ObjectNode) frame);
            case "queued" -> frame.path("messages").forEach(m -> received((ObjectNode) m));
            case "presence" -> inbox.presence(frame.path("participant").asText(), frame.path("status").asText());
            case "message_edited" -> inbox.edited((ObjectNode) frame);
            case "message_deleted" -> inbox.deleted(frame.path("message_id").asText());
            case "error" -> log.debug("hub error: {}", frame);
            default -> { }
        }
    }

    private void received(ObjectNode message) {
        joined.add(message.path("channel_name").asText());
        inbox.offer(message.deepCopy());
    }

    @Override
    public void close() {
        socket.close();
    }
}
