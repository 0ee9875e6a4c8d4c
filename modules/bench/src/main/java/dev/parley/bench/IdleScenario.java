package dev.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code idle}: opens {@code --connections} authenticated sockets under distinct names, holds them
 * for {@code --hold-seconds}, then checks that each still answers {@code ping} with {@code pong}.
 * The percentiles are ping round trips.
 *
 * <pre>parley bench --scenario idle --connections 10000 --hold-seconds 30</pre>
 */
final class IdleScenario implements Scenario {
    /** Metric samples copied from {@code /metrics} into the report, at most. */
    private static final int MAX_METRICS = 100;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    /** A participant that only holds its socket; it counts what the hub pushes (mostly presence). */
    private static final class IdleClient extends Peer {
        private final LongAdder frames;

        IdleClient(String name, LongAdder frames) {
            super(name);
            this.frames = frames;
        }

        @Override
        public void onFrame(CompatSession from, String type, String text) {
            frames.increment();
        }
    }

    @Override
    public RunReport run(BenchContext context) throws InterruptedException {
        BenchSettings settings = context.settings();
        Progress progress = context.progress();
        LongAdder frames = new LongAdder();
        List<IdleClient> clients = new ArrayList<>();
        for (int i = 0; i < settings.connections(); i++) {
            clients.add(new IdleClient(context.name("i", i), frames));
        }

        progress.say("opening %d sockets, %d handshakes at a time", clients.size(), settings.concurrency());
        long start = System.nanoTime();
        AtomicLong lastConnected = new AtomicLong(start);
        Progress.Ticker ticker = progress.every(Duration.ofSeconds(2), () -> "connected "
                + clients.stream().filter(c -> c.session() != null).count() + "/" + clients.size());
        List<CompletableFuture<CompatSession>> sockets;
        try {
            sockets = context.connectEach(clients, settings.concurrency()).stream()
                    .map(s -> s.whenComplete((socket, failure) -> {
                        if (socket != null) {
                            lastConnected.accumulateAndGet(System.nanoTime(), Math::max);
                        }
                    }))
                    .toList();
            settle(sockets);
        } finally {
            ticker.stop();
        }
        List<CompatSession> open = sockets.stream().filter(s -> !s.isCompletedExceptionally())
                .map(CompletableFuture::join).toList();
        double connectSeconds = (lastConnected.get() - start) / 1e9;
        sockets.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst()
                .map(failed -> failed.handle((socket, failure) -> failure).join())
                .ifPresent(failure -> progress.say("%d connections failed; the first: %s", clients.size() - open.size(),
                        BenchFailure.wrap("connecting", failure).getMessage()));
        progress.say("%d/%d connected in %.1f s; holding %d s", open.size(), clients.size(), connectSeconds,
                settings.hold().toSeconds());
        Object online = context.health().map(h -> h.get("online")).orElse(null);

        hold(open, settings.hold());
        long droppedWhileHeld = open.stream().filter(s -> s.hubCloseReason() != null).count();

        progress.say("pinging %d sockets", open.size());
        Latencies roundTrips = new Latencies();
        List<CompletableFuture<Long>> pings = open.stream()
                .map(s -> s.ping().orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)).toList();
        settle(pings);
        pings.stream().filter(p -> !p.isCompletedExceptionally()).forEach(p -> roundTrips.record(p.join() / 1000));
        long answered = roundTrips.count();
        Optional<String> metrics = context.metrics();
        context.closeSockets(open);

        RunReport report = new RunReport(settings)
                .latency(roundTrips.summary())
                .failed(clients.size() - answered)
                .put("connections", clients.size())
                .put("connected", open.size())
                .put("answered_ping", answered)
                .put("dropped_while_held", droppedWhileHeld)
                .put("connect_s", connectSeconds)
                .put("connects_per_s", RunReport.perSecond(open.size(), lastConnected.get() - start))
                .put("frames_received", frames.sum())
                .put("online", online);
        metrics.map(text -> MetricsText.samples(text, MAX_METRICS)).filter(m -> !m.isEmpty())
                .ifPresent(m -> report.put("metrics", m));
        return report;
    }

    /**
     * Holds the sockets open, sending each a WebSocket ping every {@link #KEEP_ALIVE} as client
     * libraries do (the hub may time out connections that stay silent for minutes).
     */
    private static void hold(List<CompatSession> open, Duration hold) throws InterruptedException {
        long end = System.nanoTime() + hold.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, KEEP_ALIVE.toMillis()));
            if (end - System.nanoTime() > 0) {
                open.forEach(CompatSession::keepAlive);
            }
        }
    }

    /** Waits until every future is done, successfully or not. */
    private static void settle(List<? extends CompletableFuture<?>> futures) {
        CompletableFuture.allOf(futures.stream().map(f -> f.handle((value, failure) -> null))
                .toArray(CompletableFuture[]::new)).join();
    }
}
