package dev.parley.mcp.session;

import dev.parley.client.Channel;
import dev.parley.client.ConnectionEvent;
import dev.parley.client.ConnectionState;
import dev.parley.client.HubAddress;
import dev.parley.client.Message;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyException;
import dev.parley.client.PresenceEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This MCP server's one participant on the hub: a {@link ParleyClient} (which keeps the live session
 * up, resumes it and hands each message over once) plus what the tools need to explain themselves —
 * why there is no session, whether the hub refused this participant, who was last heard going offline.
 *
 * <pre>AgentSession.start(HubAddress.parse("ws://127.0.0.1:9700/ws"), null, null, "agent-a", null, "ai")</pre>
 *
 * <p>Thread-safe: tool calls run concurrently on the MCP server's worker threads; the client's event
 * thread writes the volatile fields and the presence map.
 */
public final class AgentSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentSession.class);
    private static final Duration CONNECT_GRACE = Duration.ofSeconds(5);
    private static final Duration READ_MARK_TIMEOUT = Duration.ofSeconds(10);
    /** The inbox holds at most this many messages; {@code -Dparley.mcp.inboxCapacity=N} changes it. */
    private static final int INBOX_CAPACITY = Integer.getInteger("parley.mcp.inboxCapacity", 10_000);
    private static final long INBOX_BYTES = 64L << 20;
    private static final String CREDENTIALS_HINT =
            " (set PARLEY_TOKEN / --token to the hub token, PARLEY_KEY / --key to this name's key)";

    private final ParleyClient client;
    private final HubAddress address;
    private final String configuredKey;
    private final Map<String, Boolean> online = new ConcurrentHashMap<>();
    private volatile String problem = "not connected yet";
    private volatile String refusal;
    private volatile boolean closing;

    private AgentSession(ParleyClient client, HubAddress address, String key) {
        this.client = client;
        this.address = address;
        this.configuredKey = key;
    }

    /**
     * Starts the live session in the background and returns at once. A hub that is down is not
     * fatal: the client keeps trying, and tools report the problem meanwhile.
     *
     * @param token       the hub token, or null
     * @param key         this name's key, or null
     * @param displayName shown to humans, or null for the name
     * @param type        {@code ai}, {@code human} or {@code service}
     */
    public static AgentSession start(HubAddress address, String token, String key, String name, String displayName,
                                     String type) {
        ParleyClient client = ParleyClient.builder().serverUrl(address.toString()).name(name).displayName(displayName)
                .participantType(type).token(blankToNull(token)).key(blankToNull(key))
                .inboxLimits(INBOX_CAPACITY, INBOX_BYTES).build();
        AgentSession session = new AgentSession(client, address, blankToNull(key));
        client.on(ConnectionEvent.class, session::connection);
        client.on(PresenceEvent.class, e -> session.online.put(e.participant(), e.online()));
        client.connectInBackground().whenComplete((connected, failure) -> {
            if (failure != null) {
                session.refused(failure);
            }
        });
        return session;
    }

    /** The participant name. */
    public String name() {
        return client.name();
    }

    /** Where the hub is. */
    public HubAddress address() {
        return address;
    }

    /** The library client, for everything the tools ask of the hub. */
    public ParleyClient client() {
        return client;
    }

    /** True while the live session is up. */
    public boolean isConnected() {
        return client.state() == ConnectionState.CONNECTED;
    }

    /** Why the hub will not let this server act as its participant (no reconnect helps), or null. */
    public String refusal() {
        return refusal;
    }

    /** Waits a little for the live session when it is being (re)established; throws when there is none. */
    public void requireConnection() {
        if (!client.awaitConnected(CONNECT_GRACE)) {
            throw notConnected();
        }
    }

    /** The error for an operation that needs the live session while there is none. */
    public ParleyException notConnected() {
        String why = refusal != null ? refusal : problem;
        return new ParleyException(ParleyException.UNREACHABLE, "no live connection to the hub at " + address
                + (why == null ? "" : ": " + why));
    }

    /**
     * The channel with this name or id.
     *
     * @throws ParleyException {@code channel_not_found} when there is none
     */
    public Channel channel(String reference) {
        for (Channel channel : client.channels()) {
            if (reference.equals(channel.name()) || reference.equals(channel.channelId())) {
                return channel;
            }
        }
        throw new ParleyException("channel_not_found", "channel not found: " + reference);
    }

    /**
     * Whether a message is this participant's to see: REST reads may return messages of a channel
     * targeted ({@code to}) at someone else, which are not shown to the agent.
     */
    public boolean canSee(Message m) {
        return m.to() == null || m.to().isEmpty() || m.to().equals(name()) || name().equals(m.sender());
    }

    /** From now on, only news of {@code participant} leaving counts (see {@link #wentOffline}). */
    public void expectOnline(String participant) {
        online.put(participant, true);
    }

    /** True when the latest presence news about {@code participant} is that it went offline. */
    public boolean wentOffline(String participant) {
        return Boolean.FALSE.equals(online.get(participant));
    }

    /** Marks messages read and returns once the hub stored it, so unread counts right after see it. */
    public void markRead(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        requireConnection();
        try {
            client.markRead(messageIds, READ_MARK_TIMEOUT);
        } catch (ParleyException e) {
            if (e.code().equals(ParleyException.CLOSED)) {
                throw notConnected();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        closing = true;
        client.close();
    }

    private void connection(ConnectionEvent event) {
        switch (event.state()) {
            case CONNECTED -> {
                problem = null;
                log.info("connected to {} as {}", address, name());
                String key = client.key();
                if (key != null && !key.equals(configuredKey)) {
                    log.warn("the hub issued a key for '{}' and shows it only this once: {} — set PARLEY_KEY={} (or"
                            + " --key) for later runs, or the name cannot be used again", name(), key, key);
                }
            }
            case CLOSED -> {
                if (!closing) { // the hub refused to let this participant back in: no reconnect follows
                    refusal = "the hub refused to let this server act as '" + name() + "': " + event.detail()
                            + CREDENTIALS_HINT;
                    log.error(refusal);
                }
            }
            default -> problem = event.detail() != null ? event.detail() : problem;
        }
    }

    private void refused(Throwable failure) {
        if (closing) {
            return;
        }
        refusal = "the hub refused to let this server act as '" + name() + "': " + failure.getMessage()
                + CREDENTIALS_HINT;
        log.error(refusal);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
