package dev.parley.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every scenario of one run shares: the settings, a run id that makes names unique, one HTTP
 * client for REST and for every socket, and progress output.
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
    private final HubRest rest;

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
        this.rest = new HubRest(http, settings.hub(), settings.token(), settings.timeout());
    }

    BenchSettings settings() {
        return settings;
    }

    Progress progress() {
        return progress;
    }

    HubRest rest() {
        return rest;
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
     * Opens and authenticates one socket as {@code peer} and attaches it. If the hub later ends the
     * connection unasked (a slow consumer, say), progress says so.
     */
    CompletableFuture<HubSocket> connect(Peer peer) {
        return HubSocket.connect(http, settings.hub().ws(), peer.name(), settings.token(), peer, settings.timeout())
                .thenApply(socket -> {
                    peer.attach(socket);
                    socket.closed().thenRun(() -> {
                        if (socket.hubCloseReason() != null) {
                            progress.say("%s", socket.hubCloseReason());
                        }
                    });
                    return socket;
                });
    }

    /** How many of the peers' current sockets the hub has ended unasked. */
    static long droppedByHub(Collection<? extends Peer> peers) {
        return peers.stream().filter(p -> p.socket() != null && p.socket().hubCloseReason() != null).count();
    }

    /**
     * Connects every peer with at most {@code inFlight} handshakes at a time (the calling thread
     * waits for a free slot). Each future fails on its own; nothing is thrown here.
     */
    List<CompletableFuture<HubSocket>> connectEach(List<? extends Peer> peers, int inFlight) {
        Semaphore window = new Semaphore(Math.max(1, inFlight));
        List<CompletableFuture<HubSocket>> sockets = new ArrayList<>();
        for (Peer peer : peers) {
            window.acquireUninterruptibly();
            sockets.add(connect(peer).whenComplete((socket, failure) -> window.release()));
        }
        return sockets;
    }

    /** Connects every peer; fails the run if any cannot connect. */
    void connectAll(List<? extends Peer> peers) {
        List<CompletableFuture<HubSocket>> sockets = connectEach(peers, CONNECT_WINDOW);
        try {
            CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            sockets.forEach(s -> s.thenAccept(HubSocket::abort));
            throw BenchFailure.wrap("connecting " + peers.size() + " participants", e);
        }
    }

    /** Creates the channel as {@code creator} and joins every member to it. */
    void openChannel(String channel, String creator, Collection<String> members) {
        rest.createChannel(channel, creator, "parley bench run " + runId);
        rest.joinAll(channel, members, settings.concurrency());
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

    /** Closes the peers' sockets, waits a little for the hub to answer, then drops what is left. */
    void close(Collection<? extends Peer> peers) {
        closeSockets(peers.stream().map(Peer::socket).filter(s -> s != null).toList());
    }

    void closeSockets(Collection<HubSocket> sockets) {
        List<CompletableFuture<Integer>> closing = sockets.stream().map(HubSocket::close).toList();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Whatever did not close in time is dropped below.
        }
        sockets.stream().filter(s -> !s.isClosed()).forEach(HubSocket::abort);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
