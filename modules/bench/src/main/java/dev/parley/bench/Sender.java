package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A sending participant on one socket. Compat {@code send} has no acknowledgement, so a send counts
 * as made once its frame is written, and as refused when the hub answers with an {@code error}
 * frame (counted by code). Concurrency: one thread at a time calls {@link #send}; the counters
 * are read by others.
 */
final class Sender extends Peer {
    private final int index;
    private final String runId;
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong registered = new AtomicLong();

    /** One call's sends: how many, and the {@link System#nanoTime()} of the first and last write. */
    record Burst(long sent, long firstNanos, long lastNanos) {}

    Sender(String name, int index, String runId) {
        super(name);
        this.index = index;
        this.runId = runId;
    }

    /**
     * Sends {@code count} messages to the channel, each frame once the previous one was written,
     * paced to {@code rate} per second (0: no pacing).
     */
    Burst send(String channel, long count, double rate) {
        Pacer pacer = new Pacer(rate);
        long first = 0;
        long last = 0;
        for (long seq = 0; seq < count; seq++) {
            pacer.awaitTurn(seq);
            String frame = Frames.send(channel, runId, index, seq);
            long start = System.nanoTime();
            try {
                session().send(frame).join();
            } catch (RuntimeException e) {
                throw BenchFailure.wrap(name() + " sending", e);
            }
            if (seq == 0) {
                first = start;
            }
            last = System.nanoTime();
            sent.incrementAndGet();
        }
        return new Burst(count, first, last);
    }

    /** Runs {@link #send} on every sender at once, one thread each, and returns their bursts when all are done. */
    static List<Burst> sendTogether(List<Sender> senders, String channel, long count, double rate) {
        try {
            return startTogether(senders, channel, count, rate).join();
        } catch (RuntimeException e) {
            throw BenchFailure.wrap("sending", e);
        }
    }

    /** Starts {@link #send} on every sender, one thread each; completes with their bursts. */
    static CompletableFuture<List<Burst>> startTogether(List<Sender> senders, String channel, long count, double rate) {
        List<CompletableFuture<Burst>> bursts = new ArrayList<>();
        for (Sender sender : senders) {
            CompletableFuture<Burst> burst = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    burst.complete(sender.send(channel, count, rate));
                } catch (RuntimeException e) {
                    burst.completeExceptionally(e);
                }
            }, "bench-" + sender.name());
            thread.setDaemon(true);
            thread.start();
            bursts.add(burst);
        }
        return CompletableFuture.allOf(bursts.toArray(CompletableFuture[]::new))
                .thenApply(done -> bursts.stream().map(CompletableFuture::join).toList());
    }

    /** The span of several bursts: all their sends, from the earliest first write to the latest last one. */
    static Burst span(List<Burst> bursts) {
        return new Burst(bursts.stream().mapToLong(Burst::sent).sum(),
                bursts.stream().mapToLong(Burst::firstNanos).min().orElse(0),
                bursts.stream().mapToLong(Burst::lastNanos).max().orElse(0));
    }

    /** Sends {@code register} for each name (compat: no authentication happens) without waiting for answers. */
    void register(Iterable<String> names) {
        for (String participant : names) {
            session().send(Frames.register(participant)).join();
        }
    }

    long sent() {
        return sent.get();
    }

    long registered() {
        return registered.get();
    }

    /** Error frames received so far. */
    long rejected() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Error frames received so far, by code. */
    Map<String, Long> errorCounts() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((code, count) -> counts.put(code, count.sum()));
        return counts;
    }

    @Override
    public void onFrame(CompatSession from, String type, String text) {
        if (type.equals("error")) {
            errors.computeIfAbsent(Frames.parse(text).path("code").asText("unknown"), c -> new LongAdder()).increment();
        } else if (type.equals("register_ok")) {
            registered.incrementAndGet();
        }
    }
}
