package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.server.TestHub;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, finding 5: cheap frames must not starve the one writer. An attacker floods
 * {@code read_ack}s full of unknown ids (the largest the frame limit allows, 9,000 ids, and the
 * largest the ack cap allows, 500) at 40 frames a second each, while another user does acked sends:
 * the victim's send → {@code sent} latency must stay under 50 ms at the 99th percentile.
 */
class WriterFairnessTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Victim sends per second, and for how long: 400 samples, so the p99 is the 4th worst, not one outlier. */
    private static final int VICTIM_RATE = 50;
    private static final int SAMPLES = 400;
    private static final int ATTACK_RATE = 40;

    @TempDir
    Path dir;

    @Test
    void a_flood_of_read_acks_with_unknown_ids_leaves_another_users_acked_sends_fast() throws Exception {
        try (TestHub hub = TestHub.start(dir)) {
            URI ws = URI.create("ws://127.0.0.1:" + hub.port() + "/ws");
            Victim victim = new Victim(ws);
            try {
                victim.measure(100); // warm-up, and the baseline
                long[] baseline = victim.latencies();
                victim.reset();

                Attacker attacker = new Attacker(ws);
                attacker.start();
                try {
                    attacker.awaitFrames(ATTACK_RATE); // the attack is under way before we measure
                    victim.measure(SAMPLES);
                } finally {
                    attacker.stop();
                }
                long[] attacked = victim.latencies();
                System.out.printf("WriterFairnessTest: victim's acked send without attack p50 %.1f ms p99 %.1f ms;"
                                + " under attack (%d read_acks of 9,000 and 500 unknown ids sent, %d answered too_large,"
                                + " %d other errors) p50 %.1f ms p99 %.1f ms max %.1f ms%n",
                        ms(baseline, 50), ms(baseline, 99), attacker.sent.get(), attacker.tooLarge.get(),
                        attacker.otherErrors.get(), ms(attacked, 50), ms(attacked, 99), ms(attacked, 100));
                assertThat(ms(attacked, 99)).as("victim's p99 acked-send latency under attack, ms").isLessThan(50);
            } finally {
                victim.close();
            }
        }
    }

    private static double ms(long[] sorted, int percentile) {
        int index = Math.min(sorted.length - 1, sorted.length * percentile / 100);
        return sorted[index] / 1e6;
    }

    /** Acked sends, one at a time, paced; records send → {@code sent} for each. */
    private static final class Victim implements AutoCloseable {
        private final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
        private final List<Long> latencies = new ArrayList<>();
        private final StreamClient client;
        private final Inbox inbox = new Inbox();
        private int next;

        Victim(URI ws) {
            client = StreamClient.connect(ws, frame -> {
                if (Inbox.isType(frame, "sent")) {
                    CompletableFuture<Long> done = waiting.remove(frame.get("client_msg_id").asText());
                    if (done != null) {
                        done.complete(System.nanoTime());
                    }
                }
                inbox.accept(frame);
            });
            client.send(StreamClient.authFrame("victim", "*"));
            inbox.await("auth_ok", WAIT);
        }

        void measure(int count) throws Exception {
            long interval = TimeUnit.SECONDS.toNanos(1) / VICTIM_RATE;
            long tick = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String id = "v-" + next++;
                CompletableFuture<Long> done = new CompletableFuture<>();
                waiting.put(id, done);
                long started = System.nanoTime();
                client.send(Json.mapper().createObjectNode().put("type", "send").put("channel", "general")
                        .put("body", "hello " + id).put("client_msg_id", id));
                latencies.add(done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS) - started);
                tick += interval;
                LockSupport.parkNanos(tick - System.nanoTime()); // pacing, not waiting for a condition
            }
            assertThat(inbox.frames("error")).as("errors answered to the victim").isEmpty();
        }

        long[] latencies() {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return sorted;
        }

        void reset() {
            latencies.clear();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** Sends, ATTACK_RATE times a second, one read_ack of 9,000 unknown ids and one of 500. */
    private static final class Attacker {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger tooLarge = new AtomicInteger();
        final AtomicInteger otherErrors = new AtomicInteger();
        private final StreamClient client;
        private final Inbox inbox = new Inbox();
        private final Thread thread;
        private volatile boolean stopping;

        Attacker(URI ws) {
            client = StreamClient.connect(ws, frame -> {
                if (Inbox.isType(frame, "error")) {
                    (frame.path("code").asText().equals("too_large") ? tooLarge : otherErrors).incrementAndGet();
                }
                inbox.accept(frame);
            });
            client.send(StreamClient.authFrame("mallory", "*"));
            inbox.await("auth_ok", WAIT);
            ObjectNode huge = readAck(9_000);
            ObjectNode capped = readAck(500);
            assertThat(huge.toString().length()).as("fits the frame limit").isLessThan(64 * 1024);
            thread = new Thread(() -> {
                long interval = TimeUnit.SECONDS.toNanos(1) / ATTACK_RATE;
                long tick = System.nanoTime();
                while (!stopping && !client.isClosed()) {
                    client.trySend(huge);
                    client.trySend(capped);
                    sent.addAndGet(2);
                    tick += interval;
                    LockSupport.parkNanos(tick - System.nanoTime());
                }
            }, "read-ack-attacker");
            thread.setDaemon(true);
        }

        private static ObjectNode readAck(int ids) {
            ObjectNode frame = Json.mapper().createObjectNode().put("type", "read_ack");
            ArrayNode list = frame.putArray("message_ids");
            for (int i = 0; i < ids; i++) {
                list.add(String.format("%04x", i));
            }
            return frame;
        }

        void start() {
            thread.start();
        }

        void awaitFrames(int n) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (sent.get() < n) {
                assertThat(System.nanoTime()).as("attacker got going").isLessThan(deadline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }

        void stop() throws InterruptedException {
            stopping = true;
            thread.join(WAIT.toMillis());
            client.abort();
        }
    }
}
