package dev.parley.server.delivery;

import dev.parley.server.session.DeliverySink;
import dev.parley.store.Cursors;
import dev.parley.store.PendingPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a message delivered to a compat client only once its frame was written to the socket,
 * and moves the delivered cursors in batches: writes are noted in memory and flushed every
 * {@value #FLUSH_MILLIS} ms as one store task per participant. If the hub dies before a flush the
 * cursor lags, and those messages are delivered again on reconnect: at least once, never lost.
 *
 * <p>Owner: the {@code parley-delivery} thread flushes; any thread may note a write.
 */
public final class DeliveryTracker implements DeliverySink, AutoCloseable {
    static final long FLUSH_MILLIS = 50;
    private static final Logger log = LoggerFactory.getLogger(DeliveryTracker.class);

    private final Cursors cursors;
    private volatile Map<String, Map<String, Long>> written = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "parley-delivery");
        thread.setDaemon(true);
        return thread;
    });

    public DeliveryTracker(Cursors cursors) {
        this.cursors = cursors;
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Message frames (a batch, or a replay page) up to seq reached a participant's socket. */
    @Override
    public void written(String participant, String channelId, long seq) {
        written.computeIfAbsent(participant, k -> new ConcurrentHashMap<>()).merge(channelId, seq, Math::max);
    }

    /** Moves the cursors for everything noted so far. */
    public synchronized void flush() {
        Map<String, Map<String, Long>> batch = written;
        if (batch.isEmpty()) {
            return;
        }
        written = new ConcurrentHashMap<>();
        batch.forEach((participant, channels) -> {
            List<PendingPosition> upto = new ArrayList<>();
            channels.forEach((channel, seq) -> upto.add(new PendingPosition(channel, seq)));
            cursors.markDelivered(participant, upto).exceptionally(failure -> {
                log.warn("could not record deliveries to {}: {}", participant, failure.getMessage());
                return null;
            });
        });
    }

    /**
     * Records now what was noted for one participant; the future completes once it is durable.
     * A reconnecting participant's replay waits for this, so what the old socket already wrote is
     * not replayed (cursor moves flushed earlier are queued before this one, so they are durable too).
     */
    public CompletableFuture<Void> flush(String participant) {
        Map<String, Long> channels = written.remove(participant);
        if (channels == null || channels.isEmpty()) {
            return cursors.markDelivered(participant, List.of());
        }
        List<PendingPosition> upto = new ArrayList<>();
        channels.forEach((channel, seq) -> upto.add(new PendingPosition(channel, seq)));
        return cursors.markDelivered(participant, upto);
    }

    /** Flushes what is noted and stops. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
