package dev.parley.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A participant's connection to a Parley hub: send and receive messages, ask other agents and wait
 * for their answer, and read the hub's state.
 *
 * <pre>{@code
 * try (ParleyClient client = ParleyClient.builder()
 *         .serverUrl("http://localhost:9700").name("summarizer").build()) {
 *     client.connect();
 *     client.send("general", "summarizer is up");
 *     Message m;
 *     while ((m = client.next(Duration.ofMinutes(5))) != null) {     // blocking style
 *         if (m.isRequestFor(client.name())) {
 *             client.reply(m, summarize(m.body()));
 *         }
 *     }
 * }
 *
 * // listener style, and asking another agent:
 * client.onMessage(m -> log.info("{}: {}", m.sender(), m.body()));
 * Message answer = client.request("summarizer", "summarize: ...", Duration.ofSeconds(30));
 * }</pre>
 *
 * <h2>Delivery</h2>
 * Every message reaches the caller exactly once per client instance, in seq order per channel,
 * across dropped connections and hub restarts: the client keeps the last seq it saw in each channel,
 * reconnects with exponential backoff (jittered, capped), names those positions in {@code auth.resume}
 * so the hub replays exactly what was missed, and drops anything it already surfaced. Sends made while
 * disconnected are queued and written on reconnect with their original {@code client_msg_id}, which the
 * hub stores once. Messages handed to the caller are acked to the hub in batches ({@code ack}), so a
 * later instance of the same participant is given only what this one did not take.
 * Against a compat-only hub (or with {@link ParleyClientBuilder#compatOnly(boolean)}) the client
 * degrades as {@link #features()} describes.
 *
 * <h2>Threads</h2>
 * Thread-safe: every method may be called from any thread, concurrently. Listeners run one at a time
 * on the client's event thread, in arrival order; a slow listener delays later events but loses none,
 * and may itself call {@link #send}, {@link #request} or {@link #reply}. Futures returned by
 * {@code ...Async} methods complete on the client's I/O thread: chain heavy work with the
 * {@code ...Async} variants of {@link CompletableFuture}.
 *
 * <p>Methods backed by REST ({@link #channels()}, {@link #history}, {@link #search}, ...) work before
 * {@link #connect()}; sending and receiving need it. Logs go to SLF4J only.
 *
 * <p>This class is the library's one entry point and so holds every operation (about 720 lines,
 * mostly Javadoc); each delegates in a line or two to the package's small parts.
 */
public final class ParleyClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParleyClient.class);
    /** Ids per {@code read_ack} frame: the hub's limit. */
    private static final int READ_ACK_BATCH = 500;

    private final ClientSettings settings;
    private final Credentials credentials;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final HttpClient http;
    private final RestCalls rest;
    private final ClientParts parts;
    private final FrameRouter router;
    private final Link link;
    private final Map<String, String> dmChannels = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> firstConnection = new CompletableFuture<>();
    private final Backoff firstBackoff;
    private final AtomicBoolean firstConnectionStarted = new AtomicBoolean();

    ParleyClient(ClientSettings settings) {
        this.settings = settings;
        this.credentials = new Credentials(settings.token(), settings.key());
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("parley-" + settings.name() + "-timer"));
        this.workers = Executors.newCachedThreadPool(daemon("parley-" + settings.name() + "-worker"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).build();
        this.rest = new RestCalls(new HubHttp(settings.serverUri(), http, settings.name(), credentials,
                settings.requestTimeout()),
                settings.name());
        ChannelNames channelNames = new ChannelNames();
        AckTracker acks = new AckTracker(timer, settings.ackDelay(), this::sendControl);
        Consumer<Message> handedOver = m -> acks.handedOver(m.channelId(), m.seq());
        Inbox inbox = settings.inbox() ? new Inbox(settings.inboxMaxMessages(), settings.inboxMaxBytes(), handedOver,
                this::resync) : null;
        this.parts = new ClientParts(new Positions(), new Outbox(settings.name(), channelNames::nameOf), acks,
                new Replies(), new PresenceCache(), channelNames, new Dispatcher(settings.name(), inbox, handedOver),
                new JoinedChannels(), new Pongs(), new ConnectionWatch());
        this.router = new FrameRouter(settings, credentials, parts, timer, workers, this::refreshPresence);
        Backoff backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(),
                bound -> ThreadLocalRandom.current().nextLong(bound));
        this.firstBackoff = backoff;
        this.link = new Link(settings.socketUri(), settings.serverUri(), http, timer, backoff, settings.connectTimeout(),
                settings.pingInterval(), router);
    }

    /** A builder for a client. */
    public static ParleyClientBuilder builder() {
        return new ParleyClientBuilder();
    }

    // ---- connection -------------------------------------------------------------------------

    /**
     * Opens the connection and authenticates; returns once the hub accepted. From then on a lost
     * connection is reopened automatically. Calling it again while connected does nothing.
     *
     * @throws ParleyException {@code unreachable} when no hub answers, {@code auth_failed} (or another
     *                         hub code) when it refuses the credentials, {@code timeout}, {@code closed}
     */
    public void connect() {
        link.connect();
    }

    /** Where the connection stands now. */
    public ConnectionState state() {
        return link.state();
    }

    /** The extensions in use on the current connection, and what is degraded without the others. */
    public FeatureSet features() {
        return router.features();
    }

    /** The participant name this client acts as. */
    public String name() {
        return settings.name();
    }

    /** The hub's HTTP address. */
    public String serverUrl() {
        return settings.serverUri().toString();
    }

    /**
     * The participant key in use: the one configured, or the one a hub in {@code keys} mode issued on
     * first registration (store it: later connections under this name need it). Null if none.
     */
    public String key() {
        return credentials.key();
    }

    /**
     * Closes the client for good: lets the event thread deliver what is queued (at most one second),
     * sends the pending delivery acks, closes the connection once the hub acknowledged everything
     * before (at most two seconds), and fails sends the hub has not confirmed ({@code closed}).
     * Messages already in the inbox can still be taken.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        parts.dispatcher().stop(Duration.ofSeconds(1));
        parts.acks().flush();
        try {
            link.close("closed by the client").get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.debug("the hub did not acknowledge the close: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        parts.outbox().failAll(new ParleyException(ParleyException.CLOSED,
                "the client was closed before the hub confirmed this send"));
        firstConnection.completeExceptionally(new ParleyException(ParleyException.CLOSED, "the client was closed"));
        timer.shutdownNow();
        workers.shutdownNow();
    }

    // ---- receiving --------------------------------------------------------------------------

    /**
     * Calls {@code listener} with every event of a type ({@code Message.class}, {@code PresenceEvent.class},
     * ..., or {@code ParleyEvent.class} for all), on the event thread.
     *
     * @return closing it removes the listener
     */
    public <E extends ParleyEvent> Subscription on(Class<E> type, Consumer<? super E> listener) {
        return parts.dispatcher().listen(type, listener);
    }

    /** Calls {@code listener} with every arriving message (not replies a {@link #request} consumed). */
    public Subscription onMessage(Consumer<Message> listener) {
        return on(Message.class, listener);
    }

    /**
     * Answers requests addressed to this client ({@link Message#isRequestFor}) with what
     * {@code handler} returns (null: no answer). The handler runs on the event thread; the reply is
     * sent without waiting for the hub's confirmation (failures are logged).
     */
    public Subscription onRequest(Function<Message, String> handler) {
        return onMessage(m -> {
            if (!m.isRequestFor(settings.name())) {
                return;
            }
            String answer = handler.apply(m);
            if (answer != null) {
                sendAsync(replyTo(m, answer)).whenComplete((sent, failure) -> {
                    if (failure != null) {
                        log.warn("could not answer request {} from {}: {}", m.messageId(), m.sender(), failure.toString());
                    }
                });
            }
        });
    }

    /**
     * The next arriving message, waiting up to {@code timeout}; null if none came.
     *
     * @throws IllegalStateException when the inbox is off
     */
    public Message next(Duration timeout) throws InterruptedException {
        return parts.dispatcher().next(timeout);
    }

    /** The next arriving message if one is waiting, else null (never blocks). */
    public Message poll() {
        return parts.dispatcher().poll();
    }

    /** Up to {@code max} waiting messages, oldest first; empty if none (never blocks). */
    public List<Message> drain(int max) {
        return parts.dispatcher().drain(max);
    }

    // ---- sending ----------------------------------------------------------------------------

    /** Sends a text message to a channel (name or id) and returns it as stored. */
    public Message send(String channel, String body) {
        return send(SendRequest.of(channel, body));
    }

    /**
     * Sends a message and returns it as stored (id, seq, timestamp), waiting for the hub's
     * confirmation — through reconnects — up to the send timeout.
     *
     * @throws ParleyException the hub's refusal ({@code channel_not_found}, {@code not_allowed},
     *                         {@code too_large}, ...), or {@code timeout} (the send stays queued and
     *                         is still delivered, once)
     */
    public Message send(SendRequest request) {
        Message stored = await(sendAsync(request), settings.sendTimeout(), "send to " + request.channel());
        parts.joined().add(stored.channelName()); // posting to a group channel joins it
        return stored;
    }

    /** As {@link #send(SendRequest)}, without waiting: the future completes with the stored message. */
    public CompletableFuture<Message> sendAsync(SendRequest request) {
        return submit(request, null);
    }

    /** Sends a direct message to another participant (creating the DM channel if needed). */
    public Message dm(String other, String body) {
        return send(dmChannel(other).channelId(), body);
    }

    /** The DM channel between this client and {@code other}, created if needed. */
    public Channel dmChannel(String other) {
        Channel channel = rest.dm(other);
        dmChannels.put(other, channel.channelId());
        parts.channelNames().learn(channel.channelId(), channel.name());
        parts.joined().add(channel.name());
        return channel;
    }

    /**
     * Asks {@code target} in a direct message and waits for its reply; see
     * {@link #request(SendRequest, Duration)}.
     */
    public Message request(String target, String body, Duration timeout) {
        String channel = dmChannels.get(target);
        return request(SendRequest.of(channel != null ? channel : dmChannel(target).channelId(), body).withTarget(target),
                timeout);
    }

    /**
     * Asks {@code target} in a channel both belong to and waits for its reply; see
     * {@link #request(SendRequest, Duration)}.
     */
    public Message request(String target, String channel, String body, Duration timeout) {
        return request(SendRequest.of(channel, body).withTarget(target), timeout);
    }

    /**
     * Sends a request targeted at {@code request.to()} (who alone receives it) and returns the first
     * message whose {@code reply_to} is the request's id. Fails fast, without waiting, when the target
     * is not connected.
     *
     * @throws ParleyException {@code no_responders} (target offline or unknown), {@code timeout} (no
     *                         reply in time), or the hub's refusal (e.g. {@code not_allowed}: the target
     *                         is not a member of the channel)
     */
    public Message request(SendRequest request, Duration timeout) {
        if (request.to() == null) {
            throw new IllegalArgumentException("a request needs a target: SendRequest.withTarget(name)");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        requireOnline(request.to());
        CompletableFuture<Message> reply = new CompletableFuture<>();
        AtomicReference<String> requestId = new AtomicReference<>();
        submit(request, stored -> {
            requestId.set(stored.messageId());
            parts.replies().expect(stored.messageId(), reply);
        }).whenComplete((stored, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(failure);
            }
        });
        try {
            return await(reply, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), "request");
        } catch (ParleyException e) {
            if (requestId.get() != null) {
                parts.replies().cancel(requestId.get());
            }
            if (e.code().equals(ParleyException.TIMEOUT)) {
                throw new ParleyException(ParleyException.TIMEOUT, "no reply from " + request.to() + " within "
                        + timeout.toMillis() + " ms");
            }
            throw e;
        }
    }

    /** Answers a request: a message in its channel, to its sender alone, with {@code reply_to} set. */
    public Message reply(Message request, String body) {
        return send(replyTo(request, body));
    }

    // ---- message state ----------------------------------------------------------------------

    /**
     * Marks messages read; their senders get a receipt. Returns false (nothing sent) while disconnected.
     */
    public boolean readAck(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return true;
        }
        ObjectNode frame = Wire.frame("read_ack");
        messageIds.forEach(frame.putArray("message_ids")::add);
        return sendControl(Wire.text(frame));
    }

    /** Tells the channel's other members this client is typing. Returns false while disconnected. */
    public boolean typing(String channel) {
        return sendControl(Wire.text(Wire.frame("typing").put("channel", channel)));
    }

    /** Replaces the body of one of this client's messages; members get an {@link EditEvent}. */
    public Message edit(String messageId, String body) {
        return rest.edit(messageId, body);
    }

    /** Deletes one of this client's messages; members get a {@link DeleteEvent}. Returns it as deleted. */
    public Message delete(String messageId) {
        return rest.delete(messageId);
    }

    /** Adds a reaction; members get a {@link ReactionEvent}. False if it was already there. */
    public boolean react(String messageId, String emoji) {
        return changeReaction(messageId, emoji, false).changed();
    }

    /** Removes a reaction of this client's. False if it was not there. */
    public boolean unreact(String messageId, String emoji) {
        return changeReaction(messageId, emoji, true).changed();
    }

    /**
     * Acknowledges messages as delivered by id (the compat {@code /api/ack}); rarely needed, since
     * the client acks what it hands over.
     */
    public AckResult ack(Collection<String> messageIds) {
        return rest.ack(messageIds);
    }

    /** Marks everything pending for this client delivered ({@code /api/ack-all}). */
    public AckResult ackAll() {
        return rest.ackAll();
    }

    // ---- reading the hub (REST) -------------------------------------------------------------

    /** The last {@code limit} messages of a channel (at most 200), oldest first. */
    public List<Message> history(String channel, int limit) {
        return rest.history(channel, limit);
    }

    /** Up to {@code limit} messages (at most 1000) of a channel after a seq, oldest first. */
    public List<Message> historyAfter(String channel, long afterSeq, int limit) {
        return rest.historyAfter(channel, afterSeq, limit);
    }

    /** A thread: the root message, then its replies. */
    public List<Message> thread(String messageId) {
        return rest.thread(messageId);
    }

    /** Uploads a file to a channel and posts it as a {@code file_ref} message; the hub's answer. */
    public com.fasterxml.jackson.databind.JsonNode uploadFile(String channel, String name, String contentType,
                                                              byte[] bytes, String text) {
        return rest.uploadFile(channel, name, contentType, bytes, text);
    }

    /** A file posted to a channel this client may read. */
    public HubHttp.Download downloadFile(String attachmentId) {
        return rest.downloadFile(attachmentId);
    }

    /** One message by id. */
    public Message message(String messageId) {
        return rest.message(messageId);
    }

    /** Messages whose text contains {@code query} (literal, 3+ characters), at most 50. */
    public List<Message> search(String query) {
        return search(query, 50);
    }

    /** Messages whose text contains {@code query}, at most {@code limit} (up to 200). */
    public List<Message> search(String query, int limit) {
        return rest.search(query, limit);
    }

    /** Every channel on the hub. */
    public List<Channel> channels() {
        List<Channel> channels = rest.channels();
        channels.forEach(c -> parts.channelNames().learn(c.channelId(), c.name()));
        return channels;
    }

    /** Creates a channel (the name is lower-cased, spaces become {@code -}) and joins it; returns it if it existed. */
    public Channel createChannel(String name, String topic) {
        return createChannelIfAbsent(name, topic).channel();
    }

    /** Joins a channel (name or id). */
    public Channel join(String channel) {
        Channel joined = rest.join(channel);
        parts.channelNames().learn(joined.channelId(), joined.name());
        parts.joined().add(joined.name());
        return joined;
    }

    /** Leaves a group channel (general and DMs cannot be left); answers the channel. */
    public Channel leave(String channel) {
        Channel left = rest.changeChannel("leave", channel, null, null);
        parts.joined().remove(left.name());
        return left;
    }

    /** Renames a channel this participant created; answers it with its new name. */
    public Channel renameChannel(String channel, String newName) {
        Channel renamed = rest.changeChannel("rename", channel, "name", newName);
        parts.channelNames().learn(renamed.channelId(), renamed.name());
        if (parts.joined().names().contains(channel)) {
            parts.joined().remove(channel);
            parts.joined().add(renamed.name());
        }
        return renamed;
    }

    /** Sets the topic of a channel this participant is a member of (empty: none). */
    public Channel setTopic(String channel, String topic) {
        return rest.changeChannel("topic", channel, "topic", topic == null ? "" : topic);
    }

    /** Archives (read-only) or unarchives a channel this participant created. */
    public Channel archive(String channel, boolean archived) {
        return rest.changeChannel(archived ? "archive" : "unarchive", channel, null, null);
    }

    /** Deletes a channel this participant created, with all its messages; answers it as it was. */
    public Channel deleteChannel(String channel) {
        Channel deleted = rest.changeChannel("delete", channel, null, null);
        parts.joined().remove(deleted.name());
        return deleted;
    }

    /** Every participant with whether it is online now. */
    public List<Participant> presence() {
        List<Participant> snapshot = rest.presence();
        parts.presence().replaceWith(snapshot);
        return snapshot;
    }

    /**
     * Claims a resource (a path, a glob such as {@code src/server/**}, a ticket) for this client's participant:
     * granted, renewed when it already holds it, or refused naming who holds an overlapping claim.
     *
     * @param ttl how long it lasts (null: the hub's default, 15 minutes); claim again to renew
     * @param note why (may be null); {@code channel} where grants, releases and expiries are announced (may be null)
     * @param releaseOnDisconnect whether this participant's last session closing releases it
     */
    public Claim.Result claim(String resource, Duration ttl, String note, String channel, boolean releaseOnDisconnect) {
        return rest.claim(resource, ttl, note, channel, releaseOnDisconnect);
    }

    /** Releases one's own claim by id ({@code cl-...}) or resource; empty when one holds no such claim. */
    public Optional<Claim> release(String claimIdOrResource) {
        return rest.release(claimIdOrResource);
    }

    /** The hub's live claims, oldest first; only those overlapping {@code overlapping}, or held by {@code holder}, if given. */
    public List<Claim> claims(String overlapping, String holder) {
        return rest.claims(overlapping, holder);
    }

    /**
     * Puts a question to a human, in {@code channel} or (with {@code to}) in the DM with that person; the answer comes
     * as a reply to the question (its {@code reply_to} is the question's id; metadata {@code parley_answer}), and
     * {@link #question} reads it. Returns at once with the open question.
     *
     * @param options the choices (e.g. approve, deny); empty or null: any text answers
     * @param timeout how long it may be answered (null: the hub's default, 10 minutes)
     */
    public HumanQuestion askHuman(String channel, String to, String question, List<String> options, Duration timeout) {
        return rest.ask(channel, to, question, options, timeout);
    }

    /** A question put to a human, as it stands now. */
    public HumanQuestion question(String questionId) {
        return rest.question(questionId);
    }

    /** The open questions this client may read, oldest first. */
    public List<HumanQuestion> openQuestions() {
        return rest.openQuestions();
    }

    /** Answers a question (only a participant registered as {@code human} may). */
    public HumanQuestion answer(String questionId, String answer) {
        return rest.answer(questionId, answer);
    }

    /**
     * Sets this participant's profile (whole: what is null becomes empty), so others can find it by what it does.
     *
     * @param capabilities tags such as {@code review-java}, {@code sql}, {@code deploy}
     */
    public Profile setProfile(String description, List<String> capabilities, String model, String owner) {
        return rest.setProfile(description, capabilities, model, owner);
    }

    /** A participant's profile, with its type and presence. */
    public Profile profile(String name) {
        return rest.profile(name);
    }

    /**
     * The agents and services (not humans) that hold {@code capability}, else whose profile mentions {@code text}
     * (both null: all with a profile), online first.
     */
    public List<Profile> findAgents(String capability, String text) {
        return rest.findAgents(capability, text);
    }

    /**
     * Marks a channel read up to {@code seq} (null: its newest message) in one step; returns the seq it is read up to.
     */
    public long markRead(String channel, Long seq) {
        return rest.markRead(channel, seq);
    }

    /**
     * This participant's unread messages, oldest first, at most {@code limit}, marked read as the hub hands them out:
     * each comes once, across restarts of this client too.
     */
    public List<Message> inbox(int limit) {
        return rest.inbox(limit);
    }

    /** Every participant registered on the hub. */
    public List<Participant> participants() {
        return rest.participants();
    }

    /** Per channel, how many messages this client has not read. */
    public List<Unread> unread() {
        return rest.unread();
    }

    /** Messages the hub still holds for this client (not yet delivered). */
    public List<Message> pending() {
        return rest.pending();
    }

    /** The hub's {@code /health}: status, product, version and counts. */
    public Map<String, Object> health() {
        return rest.health();
    }

    /**
     * Registers this client's participant (name, display name, type) on a connection of its own,
     * without going online and without {@link #connect()}. Fine if it exists. A key a hub in
     * {@code keys} mode makes for a new name is in the answer and from then on in {@link #key()}.
     *
     * @throws ParleyException {@code unreachable}, {@code timeout}, or the hub's refusal
     *                         ({@code auth_failed}: a claimed name without its key; {@code bad_name}, ...)
     */
    public Registration register() {
        return Registrar.register(settings, credentials, http);
    }

    // ---- added for long-lived participants (the MCP server) ---------------------------------

    /**
     * Connects like {@link #connect()}, but returns at once and keeps trying in the background, with
     * the reconnect backoff, while no hub answers. Calling it again returns the same future.
     *
     * @return completes once connected; fails only when the hub refuses the credentials (or another
     *         error no retry can fix) or the client is closed
     */
    public CompletableFuture<Void> connectInBackground() {
        if (firstConnectionStarted.compareAndSet(false, true)) {
            workers.execute(() -> tryFirstConnection(1));
        }
        return firstConnection;
    }

    /** Waits up to {@code timeout} for the connection to be up; true if it is (false once closed). */
    public boolean awaitConnected(Duration timeout) {
        try {
            return parts.watch().awaitConnected(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Takes up to {@code max} waiting messages that match, oldest first, leaving the others in the
     * inbox in their order; waits up to {@code timeout} for the first. Empty on timeout.
     *
     * @throws IllegalStateException when the inbox is off
     */
    public List<Message> take(Predicate<? super Message> match, int max, Duration timeout)
            throws InterruptedException {
        return take(match, max, timeout, () -> false);
    }

    /**
     * As {@link #take(Predicate, int, Duration)}, and returns early, empty, once {@code stop} is true.
     * {@code stop} is checked before waiting and again after every event the client dispatches (a
     * presence change, a connection state, ...), after the listeners saw it: a listener can set what
     * {@code stop} reads.
     */
    public List<Message> take(Predicate<? super Message> match, int max, Duration timeout, BooleanSupplier stop)
            throws InterruptedException {
        return parts.dispatcher().take(match, max, timeout, stop);
    }

    /** How many messages wait in the inbox now. */
    public int waiting() {
        return parts.dispatcher().waiting();
    }

    /**
     * The names of the channels this client's participant is a member of, as far as the client
     * knows: the hub's list at the last (re)connect, plus channels joined, created, sent to or
     * received from since.
     */
    public Set<String> joinedChannels() {
        return parts.joined().names();
    }

    /**
     * Marks messages read, as {@link #readAck}, and returns only once the hub has stored it, so that
     * {@link #unread()} right after counts them read. Waits up to {@code timeout}.
     *
     * @throws ParleyException {@code closed} while disconnected, {@code timeout} when the hub did not
     *                         answer in time
     */
    public void markRead(Collection<String> messageIds, Duration timeout) {
        if (messageIds.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> ids = List.copyOf(messageIds);
        long pongsBefore = parts.pongs().count();
        for (int from = 0; from < ids.size(); from += READ_ACK_BATCH) {
            if (!readAck(ids.subList(from, Math.min(ids.size(), from + READ_ACK_BATCH)))) {
                throw notConnected("mark messages read");
            }
        }
        // The pongs show the hub took the read_acks off this connection and queued their writes; a REST
        // ack then completes only after its single writer committed what was queued before.
        String ping = Wire.text(Wire.frame("ping"));
        if (!sendControl(ping) || !sendControl(ping)) {
            throw notConnected("mark messages read");
        }
        try {
            if (!parts.pongs().awaitTwoAfter(pongsBefore, deadline)) {
                throw new ParleyException(ParleyException.TIMEOUT, "the hub did not confirm the read marks within "
                        + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ParleyException.INTERRUPTED, "interrupted while marking messages read", e);
        }
        // The barrier: an ack of a message just read (a no-op for its state) is one more write behind them.
        rest.ack(List.of(ids.get(ids.size() - 1)));
    }

    /**
     * Adds, removes or toggles a reaction and reports what the hub did; members get a {@link ReactionEvent}.
     *
     * @param remove true removes this client's reaction, false adds it, null toggles it
     */
    public ReactionChange changeReaction(String messageId, String emoji, Boolean remove) {
        return rest.react(messageId, emoji, remove);
    }

    /** Creates a channel and joins it, or finds the one with that name; says which it was. */
    public ChannelCreation createChannelIfAbsent(String name, String topic) {
        ChannelCreation creation = rest.createChannel(name, topic);
        parts.channelNames().learn(creation.channel().channelId(), creation.channel().name());
        if (creation.created()) {
            parts.joined().add(creation.channel().name());
        }
        return creation;
    }

    /** As {@link #search(String, int)}, only in the channels this client's participant is a member of. */
    public List<Message> searchJoined(String query, int limit) {
        return rest.searchJoined(query, limit);
    }

    // ---- internals --------------------------------------------------------------------------

    private CompletableFuture<Message> submit(SendRequest request, Consumer<Message> onStored) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new ParleyException(ParleyException.CLOSED, "this client was closed"));
        }
        if (router.features().has(FeatureSet.ACKED_SEND)) {
            return parts.outbox().submit(request, onStored);
        }
        if (!settings.compatOnly() && !router.negotiated()) {
            return CompletableFuture.failedFuture(new ParleyException(ParleyException.CLOSED,
                    "not connected: call connect() before sending"));
        }
        return CompletableFuture.supplyAsync(() -> {
            Message stored = new CompatSend(rest, settings).send(request);
            if (onStored != null) {
                onStored.accept(stored);
            }
            return stored;
        }, workers);
    }

    /** One attempt of {@link #connectInBackground()} (a worker thread); schedules the next while no hub answers. */
    private void tryFirstConnection(int attempt) {
        try {
            link.connect();
            firstConnection.complete(null);
        } catch (ParleyException e) {
            boolean retry = !closed.get() && (e.code().equals(ParleyException.UNREACHABLE)
                    || e.code().equals(ParleyException.TIMEOUT));
            if (!retry) {
                firstConnection.completeExceptionally(e);
                return;
            }
            if (attempt == 1) {
                log.warn("{}; retrying in the background", e.getMessage());
            }
            try {
                timer.schedule(() -> workers.execute(() -> tryFirstConnection(attempt + 1)),
                        firstBackoff.delay(attempt).toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shutDown) {
                firstConnection.completeExceptionally(new ParleyException(ParleyException.CLOSED,
                        "the client was closed"));
            }
        }
    }

    /** Drops the connection so the hub replays what the full inbox left out (see {@link Inbox}). */
    private void resync() {
        router.resync();
    }

    private ParleyException notConnected(String what) {
        return new ParleyException(ParleyException.CLOSED, "cannot " + what + ": not connected to the hub");
    }

    private SendRequest replyTo(Message request, String body) {
        return SendRequest.of(request.channelId(), body).withReplyTo(request.messageId()).withTarget(request.sender());
    }

    /**
     * Fails fast when the target is not connected: trusts a known "online" while this client is
     * connected (and so hears presence changes), checks anything else with the hub.
     */
    private void requireOnline(String target) {
        if (link.state() == ConnectionState.CONNECTED && parts.presence().knownOnline(target)) {
            return;
        }
        Participant participant = presence().stream().filter(p -> p.name().equals(target)).findFirst()
                .orElseThrow(() -> new ParleyException(ParleyException.NO_RESPONDERS, "no participant named '" + target
                        + "' on this hub"));
        if (!participant.online()) {
            throw new ParleyException(ParleyException.NO_RESPONDERS, target + " is not connected, so nobody would answer"
                    + (participant.lastSeenAt() == null ? "" : " (last seen " + participant.lastSeenAt() + ")"));
        }
    }

    private void refreshPresence() {
        try {
            parts.presence().replaceWith(rest.presence());
        } catch (ParleyException e) {
            log.debug("could not read presence: {}", e.getMessage());
        }
    }

    private boolean sendControl(String frame) {
        return link.send(frame);
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ParleyException parley) {
                throw new ParleyException(parley.code(), parley.getMessage(), parley);
            }
            throw new ParleyException(ParleyException.BAD_ANSWER, what + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new ParleyException(ParleyException.TIMEOUT, what + " not confirmed by the hub within "
                    + timeout.toMillis() + " ms; it stays queued and is sent once the hub answers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ParleyException.INTERRUPTED, what + " interrupted", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
