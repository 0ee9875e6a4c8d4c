package dev.parley.bench;

import dev.parley.client.ParleyException;
import dev.parley.client.RestCalls;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * What every scenario of one run shares: the settings, a run id that makes names unique, one HTTP
 * client for REST (the client library's {@link RestCalls}) and for every socket, and progress output.
 *
 * <p>Threads: the client's selector thread and a small fixed pool serve all sockets, whether 3 or
 * 10,000 — no thread per socket. Senders and REST workers are the scenarios' own threads. Closing
 * the context closes the pool; sockets must be closed before.
 */
final class BenchContext implements AutoCloseable {
    /** Handshakes in flight when a scenario connects its participants. */
    private static final int CONNECT_WINDOW = 64;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final BenchSettings settings;
    private final Progress progress;
    private final String runId;
    private final ExecutorService pool;
    private final HttpClient http;
    /** Jetty's client, for sockets that offer permessage-deflate ({@code --deflate}); else null. */
    private final WebSocketClient deflateClient;
    /** Sockets the hub accepted permessage-deflate on. */
    private final AtomicInteger deflateAccepted = new AtomicInteger();

    BenchContext(BenchSettings settings, Progress progress) {
        this.settings = settings;
        this.progress = progress;
        this.runId = String.format("%08x", ThreadLocalRandom.current().nextInt());
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), task -> {
            Thread thread = new Thread(task, "bench-io-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .executor(pool).build();
        this.deflateClient = settings.deflate() ? DeflateBenchSocket.startClient(settings.timeout()) : null;
    }

    /** How many sockets of this run the hub accepted permessage-deflate on. */
    int deflateAccepted() {
        return deflateAccepted.get();
    }

    /** Opens one socket to the hub's {@code /ws}: the JDK's, or Jetty's offering permessage-deflate. */
    private CompletableFuture<BenchSocket> openSocket(BenchSocket.Listener listener) {
        return deflateClient != null
                ? DeflateBenchSocket.open(deflateClient, settings.hub().ws(), listener)
                : JdkBenchSocket.open(http, settings.hub().ws(), listener, settings.timeout());
    }

    BenchSettings settings() {
        return settings;
    }

    Progress progress() {
        return progress;
    }

    /** REST calls as {@code participant}, with the run's token. */
    RestCalls rest(String participant) {
        return RestCalls.as(participant, settings.hub(), settings.token(), http, settings.timeout());
    }

    /** {@code GET /health}, or empty when the hub does not answer it. */
    Optional<Map<String, Object>> health() {
        try {
            return Optional.of(rest(null).health());
        } catch (ParleyException e) {
            return Optional.empty();
        }
    }

    /** {@code GET /metrics} text, or empty when the hub has none. */
    Optional<String> metrics() {
        try {
            return Optional.of(rest(null).metrics());
        } catch (ParleyException e) {
            return Optional.empty();
        }
    }

    String runId() {
        return runId;
    }

    /** A participant name unique to this run, e.g. {@code bench-1a2b3c4d-r7}. */
    String name(String role, int index) {
        return "bench-" + runId + "-" + role + index;
    }

    /** A channel name unique to this run, e.g. {@code bench-1a2b3c4d-fanout}. */
    String channel(String label) {
        return "bench-" + runId + "-" + label;
    }

    List<Receiver> receivers(int count) {
        List<Receiver> receivers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            receivers.add(new Receiver(name("r", i), runId));
        }
        return receivers;
    }

    List<Sender> senders(int count) {
        List<Sender> senders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            senders.add(new Sender(name("s", i), i, runId));
        }
        return senders;
    }

    /**
     * Opens and authenticates one compat session as {@code peer} and attaches it. If the hub later ends the
     * connection unasked (a slow consumer, say), progress says so.
     */
    CompletableFuture<CompatSession> connect(Peer peer) {
        return CompatSession.connect(this::openSocket, peer.name(), settings.token(), peer, settings.timeout())
                .thenApply(session -> {
                    if (session.deflating()) {
                        deflateAccepted.incrementAndGet();
                    }
                    peer.attach(session);
                    session.closed().thenRun(() -> {
                        if (session.hubCloseReason() != null) {
                            progress.say("%s", session.hubCloseReason());
                        }
                    });
                    return session;
                });
    }

    /** How many of the peers' current sockets the hub has ended unasked. */
    static long droppedByHub(Collection<? extends Peer> peers) {
        return peers.stream().filter(p -> p.session() != null && p.session().hubCloseReason() != null).count();
    }

    /**
     * Connects every peer with at most {@code inFlight} handshakes at a time (the calling thread
     * waits for a free slot). Each future fails on its own; nothing is thrown here.
     */
    List<CompletableFuture<CompatSession>> connectEach(List<? extends Peer> peers, int inFlight) {
        Semaphore window = new Semaphore(Math.max(1, inFlight));
        List<CompletableFuture<CompatSession>> sockets = new ArrayList<>();
        for (Peer peer : peers) {
            window.acquireUninterruptibly();
            sockets.add(connect(peer).whenComplete((socket, failure) -> window.release()));
        }
        return sockets;
    }

    /** Connects every peer; fails the run if any cannot connect. */
    void connectAll(List<? extends Peer> peers) {
        List<CompletableFuture<CompatSession>> sockets = connectEach(peers, CONNECT_WINDOW);
        try {
            CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            sockets.forEach(s -> s.thenAccept(CompatSession::abort));
            throw BenchFailure.wrap("connecting " + peers.size() + " participants", e);
        }
    }

    /** Creates the channel as {@code creator} and joins every member to it, {@code --concurrency} joins at a time. */
    void openChannel(String channel, String creator, Collection<String> members) {
        try {
            rest(creator).createChannel(channel, "parley bench run " + runId);
        } catch (ParleyException e) {
            throw BenchFailure.wrap("creating channel " + channel, e);
        }
        ExecutorService joiners = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), task -> {
            Thread thread = new Thread(task, "bench-join");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Void>> joins = members.stream()
                    .map(member -> CompletableFuture.runAsync(() -> rest(member).join(channel), joiners)).toList();
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            throw BenchFailure.wrap("joining " + channel, e);
        } finally {
            joiners.shutdownNow();
        }
    }

    /**
     * Registers participants who never connect, with compat {@code register} frames over one
     * socket of their own, and waits until the hub has answered every one.
     */
    void register(List<String> names) {
        Sender registrar = new Sender(name("registrar", 0), -1, runId);
        connect(registrar).join();
        try {
            registrar.register(names);
            Duration timeout = settings.timeout().multipliedBy(Math.max(1, names.size() / 1_000));
            if (!Await.until(() -> registrar.registered() + registrar.rejected() >= names.size(), timeout)) {
                throw new BenchFailure("registered " + registrar.registered() + " of " + names.size()
                        + " participants before timing out");
            }
            if (registrar.rejected() > 0) {
                throw new BenchFailure("the hub refused registrations: " + registrar.errorCounts());
            }
        } finally {
            close(List.of(registrar));
        }
    }

    /** Closes the peers' sessions, waits a little for the hub to answer, then drops what is left. */
    void close(Collection<? extends Peer> peers) {
        closeSockets(peers.stream().map(Peer::session).filter(s -> s != null).toList());
    }

    void closeSockets(Collection<CompatSession> sessions) {
        List<CompletableFuture<Void>> closing = sessions.stream().map(s -> s.close(CLOSE_GRACE)).toList();
        // Each close ends by itself within the grace (the socket is dropped then); the abort is for the rest.
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(2 * CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Whatever did not close in time is dropped below.
        }
        sessions.stream().filter(s -> !s.isClosed()).forEach(CompatSession::abort);
    }

    @Override
    public void close() {
        if (deflateClient != null) {
            try {
                deflateClient.stop();
            } catch (Exception e) {
                progress.say("stopping Jetty's WebSocket client: %s", e.getMessage());
            }
        }
        pool.shutdownNow();
    }
}
