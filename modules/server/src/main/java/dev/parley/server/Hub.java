package dev.parley.server;

import dev.parley.server.attachments.AttachmentService;
import dev.parley.server.auth.Authenticator;
import dev.parley.server.auth.HubToken;
import dev.parley.server.auth.ProofThrottle;
import dev.parley.server.claims.ClaimService;
import dev.parley.server.conversation.Conversations;
import dev.parley.server.conversation.MembershipCache;
import dev.parley.server.conversation.ReadRule;
import dev.parley.server.delivery.DeliveryTracker;
import dev.parley.server.delivery.FanOut;
import dev.parley.server.delivery.Replay;
import dev.parley.server.http.OriginGuard;
import dev.parley.server.ops.Metrics;
import dev.parley.server.people.Directory;
import dev.parley.server.questions.QuestionService;
import dev.parley.server.rest.HeaderDeadline;
import dev.parley.server.rest.JettyErrorPage;
import dev.parley.server.rest.RestApi;
import dev.parley.server.session.Session;
import dev.parley.server.session.SessionRegistry;
import dev.parley.server.socket.SocketEndpoint;
import dev.parley.store.CommitTimings;
import dev.parley.store.HubStore;
import dev.parley.store.PrivateFiles;
import dev.parley.store.WriteStats;
import dev.parley.web.ChatRoutes;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub: the database lock, the store, the shared services, and the HTTP/WebSocket server.
 *
 * <p>Wiring only; each face lives in its own package ({@code socket}, {@code rest}) and each job in
 * its own class. {@link #close()} shuts down gracefully: sessions are told and closed, pending
 * delivery counts are flushed, queued writes commit, and the WAL is checkpointed.
 */
public final class Hub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    /** The WebSocket compression extension (RFC 7692), declined unless {@link HubConfig#wsCompression()}. */
    static final String PERMESSAGE_DEFLATE = "permessage-deflate";

    private final HubLock lock;
    private final HubStore store;
    private final HubServices services;
    private final SocketEndpoint socket;
    private final Javalin server;

    private Hub(HubLock lock, HubStore store, HubServices services, SocketEndpoint socket, Javalin server) {
        this.lock = lock;
        this.store = store;
        this.services = services;
        this.socket = socket;
        this.server = server;
    }

    /**
     * Locks the database, brings its schema up to date, and starts serving; a {@link PortUnavailableException} when
     * the port is taken or not allowed, a {@link HubLock.AlreadyRunningException} when another hub serves the db.
     */
    public static Hub start(HubConfig config) throws Exception {
        StartWarmUp.presetJettyCacheLine();
        PrivateFiles.createFolders(config.db().toAbsolutePath().getParent()); // 0700 when new
        HubLock lock = HubLock.acquire(config.db());
        HubStore store = null;
        try {
            PortProbe.ensureFree(config.host(), config.port()); // after the lock: "another hub serves it" says more
            store = HubStore.open(config.db(), new HubStore.Options(HubStore.Options.DEFAULTS.readers(),
                    HubStore.Options.DEFAULTS.queueCapacity(), HubStore.Options.DEFAULTS.maxBatch(),
                    config.limits().maxWriteQueueBytes(), config.loopGuard()));
            store.settings().put("last_started_at", Instant.now().toString()).join();
            HubInfo info = HubInfo.read(config.db());
            HubToken token = HubToken.open(store.hubTokens());
            HubServices services = services(store, config, token);
            SocketEndpoint socket = new SocketEndpoint(services);
            Limits limits = config.limits();
            OriginGuard originGuard = OriginGuard.forHub(config.host(), config.origins());
            Javalin server = Javalin.create(javalin -> {
                javalin.startup.startupWatcherEnabled = false;
                javalin.startup.showJavalinBanner = false;
                javalin.http.maxRequestSize = limits.maxRequestBytes();
                javalin.jetty.modifyServer(jetty -> {
                    jetty.setErrorHandler(new JettyErrorPage());
                    HeaderDeadline.install(jetty, limits.headerTimeoutMillis());
                });
                javalin.jetty.modifyWebSocketServletFactory(ws -> {
                    // Frames above our own limit get a clear too_large error; Jetty only drops absurd ones.
                    ws.setMaxTextMessageSize(4L * limits.maxFrameChars());
                    ws.setIdleTimeout(Duration.ofSeconds(120));
                    if (!config.wsCompression()) {
                        // The factory's extension names are its registry's live key set: without the name, Jetty
                        // answers an offer of permessage-deflate without it, and the client sends plain frames.
                        ws.getAvailableExtensionNames().remove(PERMESSAGE_DEFLATE);
                    }
                });
                originGuard.register(javalin.routes); // before every route and every /ws upgrade
                socket.register(javalin.routes);
                RestApi.register(javalin.routes, services, info);
                ChatRoutes.register(javalin.routes);
            });
            listen(server, config.host(), config.port());
            Hub hub = new Hub(lock, store, services, socket, server);
            services.claims().start();
            log.info("Parley {} ({}) serving {} on http://{}:{} (auth: {})", info.version(), info.shortHash(),
                    config.db(), config.host(), server.port(), config.authMode().wire());
            return hub;
        } catch (Exception e) {
            if (store != null) {
                store.close();
            }
            lock.close();
            throw e;
        }
    }

    private static HubServices services(HubStore store, HubConfig config, HubToken token) {
        Metrics metrics = new Metrics();
        SessionRegistry sessions = new SessionRegistry(config.limits().maxOutboundBytes());
        MembershipCache membership = new MembershipCache(store.channels());
        DeliveryTracker tracker = new DeliveryTracker(store.cursors());
        FanOut fanOut = new FanOut(sessions, membership, tracker, metrics);
        // Every stored change, from socket or REST, reaches the membership cache and then fan-out as the store's
        // events: one thread, strictly in commit order, so each session sees each channel in seq order.
        store.subscribe(membership);
        store.subscribe(fanOut);
        ReadRule reads = new ReadRule(store.channels(), store.messages(), membership);
        Conversations conversations = new Conversations(store, membership, reads, fanOut, metrics,
                config.limits().typingIntervalMillis(), config.loopGuard());
        String epoch = store.historyEpoch();
        Replay replay = new Replay(store.cursors(), store.messages(), reads, tracker, epoch);
        Authenticator auth = new Authenticator(config.authMode(), token, store.participants(),
                new ProofThrottle(config.limits().proofs()));
        ClaimService claims = new ClaimService(store, conversations, metrics);
        store.subscribe(claims);
        registerGauges(metrics, store, sessions);
        QuestionService questions = new QuestionService(store, conversations, metrics);
        return new HubServices(store, sessions, conversations, claims, questions, new Directory(store, sessions), tracker, replay, auth, metrics, config.limits(), epoch,
                new AttachmentService(store, conversations, config.limits().maxAttachmentBytes(),
                        config.limits().maxBodyChars()));
    }

    private static void registerGauges(Metrics metrics, HubStore store, SessionRegistry sessions) {
        metrics.gauge("parley_connections", "Open WebSocket connections.", sessions::connectionCount);
        metrics.gauge("parley_online_participants", "Participants with at least one live session.",
                () -> sessions.onlineParticipants().size());
        metrics.gauge("parley_outbound_queued_frames", "Frames waiting in all session outbound queues.",
                () -> sessions.all().stream().mapToLong(Session::queued).sum());
        metrics.gauge("parley_outbound_queued_bytes", "Bytes (UTF-8) waiting in all session outbound queues.",
                () -> sessions.outbound().held());
        metrics.gauge("parley_outbound_shed_total", "Sessions closed to keep the outbound queues within budget.",
                () -> sessions.outbound().shed());
        metrics.gauge("parley_write_queue_bytes", "Bytes the writes waiting for the writer hold.",
                store::writeQueueBytes);
        metrics.gauge("parley_write_queue_depth", "Writes waiting for the writer thread.", () -> store.writeStats().queueDepth());
        metrics.gauge("parley_commits_total", "Transactions committed by the writer.", () -> store.writeStats().commits());
        metrics.gauge("parley_write_tasks_total", "Write tasks committed.", () -> store.writeStats().tasks());
        metrics.gauge("parley_commit_batch_last", "Tasks in the last committed transaction.",
                () -> store.writeStats().lastBatchSize());
        metrics.gauge("parley_commit_batch_max", "Most tasks in one transaction so far.",
                () -> store.writeStats().maxBatchSize());
        metrics.gauge("parley_commit_batch_avg_x100", "Average tasks per transaction, times 100.",
                () -> Math.round(store.writeStats().averageBatchSize() * 100));
        for (CommitTimings.Stage stage : CommitTimings.Stage.values()) {
            String name = stage.name().toLowerCase(Locale.ROOT);
            for (int percent : new int[] {50, 99}) {
                metrics.gauge("parley_write_" + name + "_p" + percent + "_micros",
                        "A write's " + name + " stage over the last " + CommitTimings.WINDOW + " commits, p" + percent
                                + " in microseconds (see CommitTimings).",
                        () -> store.commitTimings().micros(stage, percent / 100.0));
            }
        }
        metrics.gauge("parley_pending_messages", "Messages waiting for delivery, all participants.",
                () -> store.counts().queued());
        metrics.gauge("parley_messages_stored", "Messages in the database.", () -> store.counts().messages());
        metrics.gauge("parley_store_degraded", "1 while writes fail (disk full, database locked), else 0.",
                () -> store.health().degraded() ? 1 : 0);
        metrics.gauge("parley_store_write_faults_total", "Write transactions failed by storage faults.",
                () -> store.health().faults());
    }

    /** Binds the server; a port that is taken or not allowed becomes a {@link PortUnavailableException}. */
    private static void listen(Javalin server, String host, int port) throws PortUnavailableException {
        try {
            server.start(host, port);
        } catch (JavalinBindException e) {
            throw new PortUnavailableException(host, port, e);
        }
    }

    /** The port the server listens on (useful with port 0). */
    public int port() {
        return server.port();
    }

    /** The shared services (for tests and tools in this process). */
    public HubServices services() {
        return services;
    }

    /** The write path's statistics. */
    public WriteStats writeStats() {
        return store.writeStats();
    }

    /** Drains sessions, flushes delivery state, commits queued writes, checkpoints, and releases the lock. */
    @Override
    public void close() {
        services.claims().close(); // first: the sessions closing below must not release claims a restart keeps
        socket.closeAll("hub shutting down; reconnect to resume"); // waits for the close frames to go out
        server.stop();
        services.replay().close();
        services.tracker().close();
        store.close();
        lock.close();
        log.info("hub stopped");
    }
}
