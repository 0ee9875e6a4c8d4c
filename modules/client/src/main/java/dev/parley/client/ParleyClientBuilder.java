package dev.parley.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Configures a {@link ParleyClient}. Only {@link #name(String)} is required; the server URL defaults
 * to {@code http://localhost:9700}.
 *
 * <pre>{@code
 * ParleyClient client = ParleyClient.builder()
 *         .serverUrl("http://hub.local:9700")
 *         .name("reviewer").displayName("Code reviewer").participantType("ai")
 *         .token(System.getenv("PARLEY_TOKEN"))
 *         .build();
 * }</pre>
 */
public final class ParleyClientBuilder {
    private URI serverUri = URI.create("http://localhost:9700");
    private String name;
    private String displayName;
    private String participantType = "ai";
    private String token;
    private String key;
    private boolean compatOnly;
    private boolean inbox = true;
    private Duration backoffInitial = Duration.ofMillis(200);
    private Duration backoffMax = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration sendTimeout = Duration.ofSeconds(60);
    private Duration pingInterval = Duration.ofSeconds(15);
    private Duration ackDelay = Duration.ofMillis(50);
    private int inboxMaxMessages = 10_000;
    private long inboxMaxBytes = 64L << 20;

    ParleyClientBuilder() {}

    /**
     * Reads {@code PARLEY_SERVER_URL}, {@code PARLEY_NAME} and {@code PARLEY_TOKEN} from the
     * environment, where set. Later calls override them.
     */
    public ParleyClientBuilder fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** As {@link #fromEnvironment()}, from a given map (for tests and launchers). */
    public ParleyClientBuilder fromEnvironment(Map<String, String> env) {
        if (env.get("PARLEY_SERVER_URL") != null) {
            serverUrl(env.get("PARLEY_SERVER_URL"));
        }
        if (env.get("PARLEY_NAME") != null) {
            name(env.get("PARLEY_NAME"));
        }
        if (env.get("PARLEY_TOKEN") != null) {
            token(env.get("PARLEY_TOKEN"));
        }
        return this;
    }

    /**
     * The hub's address in any form {@link HubAddress#parse} reads ({@code http://host:port},
     * {@code ws://host:port/ws}, {@code host:port}, ...); REST and WebSocket endpoints are derived from it.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public ParleyClientBuilder serverUrl(String url) {
        this.serverUri = URI.create(HubAddress.parse(Objects.requireNonNull(url, "url")).http() + "/");
        return this;
    }

    /** The participant name to connect as (1–64 of {@code A-Z a-z 0-9 . _ @ -}). Required. */
    public ParleyClientBuilder name(String participantName) {
        this.name = Objects.requireNonNull(participantName, "name");
        return this;
    }

    /** The display name shown to others (default: the name). */
    public ParleyClientBuilder displayName(String display) {
        this.displayName = display;
        return this;
    }

    /** {@code ai} (default), {@code human} or {@code service}. */
    public ParleyClientBuilder participantType(String type) {
        this.participantType = type;
        return this;
    }

    /** The hub token, needed from other machines when the hub runs in {@code token} or {@code keys} mode. */
    public ParleyClientBuilder token(String hubToken) {
        this.token = hubToken;
        return this;
    }

    /** The participant key, needed once the name was claimed ({@code keys} mode). */
    public ParleyClientBuilder key(String participantKey) {
        this.key = participantKey;
        return this;
    }

    /**
     * Speak only the compat protocol, as a client of the reference hub would: no extensions are
     * requested, sends go through REST {@code /api/send}, missed messages arrive as {@code queued}.
     * {@link ParleyClient#features()} says so. Default false.
     */
    public ParleyClientBuilder compatOnly(boolean compat) {
        this.compatOnly = compat;
        return this;
    }

    /**
     * Keep arriving messages for {@link ParleyClient#next(Duration)} / {@link ParleyClient#poll()}
     * (default true). Turn it off when only listeners consume messages: a message counts as handed
     * over (and is acked) only once taken from the inbox. The inbox is bounded, see {@link #inboxLimits}:
     * a client that keeps it on but never takes from it stops receiving once it is full.
     */
    public ParleyClientBuilder inbox(boolean keep) {
        this.inbox = keep;
        return this;
    }

    /**
     * How much the inbox holds at most: messages and bytes (about: their text as UTF-16 plus 256 each);
     * default 10,000 and 64 MiB. When full, arriving messages are dropped before they count as seen
     * and, once the caller has taken what waits, the client reconnects and the hub replays them in
     * order: nothing is lost, at the cost of a reconnect. (A hub that cannot replay, one without
     * {@code resume}, gets its messages kept beyond the limits instead.)
     */
    public ParleyClientBuilder inboxLimits(int maxMessages, long maxBytes) {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("inbox limits must be positive, not " + maxMessages + ", " + maxBytes);
        }
        this.inboxMaxMessages = maxMessages;
        this.inboxMaxBytes = maxBytes;
        return this;
    }

    /** Reconnect backoff: the first wait, doubling up to {@code max}, each with jitter (default 200 ms, 10 s). */
    public ParleyClientBuilder reconnectBackoff(Duration initial, Duration max) {
        this.backoffInitial = Objects.requireNonNull(initial, "initial");
        this.backoffMax = Objects.requireNonNull(max, "max");
        return this;
    }

    /** How long opening and authenticating a connection may take (default 10 s). */
    public ParleyClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** How long a REST call may take (default 30 s). */
    public ParleyClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * How long the blocking {@code send} waits for the hub's confirmation, reconnects included
     * (default 60 s). A send that times out stays queued and is still delivered once, when the hub answers.
     */
    public ParleyClientBuilder sendTimeout(Duration timeout) {
        this.sendTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** How often to ping the hub; three silent intervals mean the connection is dead (default 15 s; 0 = never). */
    public ParleyClientBuilder pingInterval(Duration interval) {
        this.pingInterval = Objects.requireNonNull(interval, "interval");
        return this;
    }

    /** How long delivery acks are batched before they are sent (default 50 ms). */
    public ParleyClientBuilder ackDelay(Duration delay) {
        this.ackDelay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /** A new, not yet connected client. */
    public ParleyClient build() {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("a participant name is required: .name(\"...\")");
        }
        new Backoff(backoffInitial, backoffMax, bound -> 0); // validates the pair
        return new ParleyClient(new ClientSettings(serverUri, name, displayName, participantType, token, key, compatOnly,
                inbox, backoffInitial, backoffMax, connectTimeout, requestTimeout, sendTimeout, pingInterval, ackDelay,
                inboxMaxMessages, inboxMaxBytes));
    }
}
