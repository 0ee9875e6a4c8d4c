package dev.parley.bench;

import dev.parley.client.ParleyException;
import dev.parley.client.RestCalls;
import dev.parley.client.SendRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code rest}: {@code --concurrency} workers {@code POST /api/send} on behalf of the senders (who
 * are registered, never connected); receivers watch the channel on sockets.
 *
 * <pre>parley bench --scenario rest --senders 2 --messages 2000 --concurrency 8</pre>
 *
 * <p>Message {@code k} of the run goes out as sender {@code k % senders}; workers take the next
 * {@code k} from a shared counter, so the senders' messages interleave.
 */
final class RestScenario implements Scenario {
    /** Failures with no answer from the hub: they end the run rather than count as refusals. */
    private static final Set<String> NO_ANSWER = Set.of(ParleyException.UNREACHABLE, ParleyException.TIMEOUT,
            ParleyException.INTERRUPTED);

    @Override
    public RunReport run(BenchContext context) {
        BenchSettings settings = context.settings();
        Progress progress = context.progress();
        String channel = context.channel("rest");
        List<Receiver> receivers = context.receivers(settings.receivers());
        List<String> senders = new ArrayList<>();
        for (int i = 0; i < settings.senders(); i++) {
            senders.add(context.name("s", i));
        }
        Audience audience = Audience.of(receivers, channel);

        progress.say("connecting %d receivers, registering %d senders", receivers.size(), senders.size());
        context.connectAll(receivers);
        context.register(senders);
        List<String> members = new ArrayList<>(senders.subList(1, senders.size()));
        receivers.forEach(r -> members.add(r.name()));
        context.openChannel(channel, senders.get(0), members);

        List<RestCalls> posters = senders.stream().map(context::rest).toList();
        long total = settings.messages() * senders.size();
        AtomicLong next = new AtomicLong();
        LongAdder accepted = new LongAdder();
        Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
        Latencies posts = new Latencies();
        Pacer pacer = new Pacer(settings.rate() * senders.size());
        progress.say("posting %d messages to %s from %d workers", total, channel, settings.concurrency());
        long start = System.nanoTime();
        AtomicLong lastAnswer = new AtomicLong(start);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < settings.concurrency(); w++) {
            CompletableFuture<Void> worker = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    Latencies mine = new Latencies();
                    for (long k = next.getAndIncrement(); k < total; k = next.getAndIncrement()) {
                        pacer.awaitTurn(k);
                        int sender = (int) (k % senders.size());
                        long seq = k / senders.size();
                        long sentAt = System.nanoTime();
                        SendRequest message = SendRequest.of(channel, Frames.body(context.runId(), sender, seq))
                                .withMetadata(Frames.metadata(context.runId(), sender, seq, sentAt));
                        String refusal = null;
                        try {
                            posters.get(sender).send(message, null);
                        } catch (ParleyException e) {
                            if (NO_ANSWER.contains(e.code())) {
                                throw e;
                            }
                            refusal = e.code();
                        }
                        long answeredAt = System.nanoTime();
                        mine.record((answeredAt - sentAt) / 1000);
                        lastAnswer.accumulateAndGet(answeredAt, Math::max);
                        if (refusal == null) {
                            accepted.increment();
                        } else {
                            refusals.computeIfAbsent(refusal, c -> new LongAdder()).increment();
                        }
                    }
                    synchronized (posts) {
                        posts.addAll(mine);
                    }
                    worker.complete(null);
                } catch (RuntimeException e) {
                    worker.completeExceptionally(e);
                }
            }, "bench-rest-" + w);
            thread.setDaemon(true);
            thread.start();
            workers.add(worker);
        }
        Progress.Ticker ticker = progress.every(Duration.ofSeconds(2), () -> String.format(
                "posted %d/%d, delivered %d/%d", Math.min(next.get(), total), total, audience.received(),
                total * receivers.size()));
        try {
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
            Await.until(() -> audience.allHave(accepted.sum()), settings.drain());
        } catch (RuntimeException e) {
            throw BenchFailure.wrap("REST sends", e);
        } finally {
            ticker.stop();
        }

        long rejected = total - accepted.sum();
        Latencies.Summary post = posts.summary();
        RunReport report = new RunReport(settings)
                .rates(RunReport.perSecond(audience.received(), audience.lastReceivedNanos() - start),
                        RunReport.perSecond(accepted.sum(), lastAnswer.get() - start))
                .latency(audience.latency())
                .losses(audience.lost(accepted.sum()), audience.duplicates(), rejected)
                .put("sent", total)
                .put("expected", accepted.sum() * receivers.size())
                .put("received", audience.received())
                .put("post_p50_ms", post.p50Ms())
                .put("post_p99_ms", post.p99Ms())
                .put("post_max_ms", post.maxMs());
        if (rejected > 0) {
            Map<String, Long> errors = new TreeMap<>();
            refusals.forEach((code, n) -> errors.put(code, n.sum()));
            report.put("errors", errors);
        }
        report.put("dropped_connections", BenchContext.droppedByHub(receivers));
        context.close(receivers);
        return report;
    }
}
