package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
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
 *
 * <p>Robust on a shared 2-core machine: the victim's samples alternate between one-second blocks
 * with and without the attack, so both see the same background load. On a quiet machine (the
 * victim's p99 without attack under 25 ms) the bound is the absolute 50 ms. On a loaded one, the
 * hub's parsing of the attacker's 63 KB frames competes for the few cycles left and stretches the
 * tail whatever the writer does (measured: acks of 500 ids alone leave the p99 as it is; the
 * refused 9,000-id frames cost CPU), so the bound is three times the p99 without attack plus 50 ms:
 * still far below what a starved writer gives (before the fix, a send under attack took over 10 s).
 */
class WriterFairnessTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Victim sends per second; rounds of one block without and one with the attack. */
    private static final int VICTIM_RATE = 50;
    private static final int ROUNDS = 6;
    private static final int ATTACK_RATE = 40;
    private static final double BOUND_MS = 50;

    @TempDir
    Path dir;

    @Test
    void a_flood_of_read_acks_with_unknown_ids_leaves_another_users_acked_sends_fast() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            URI ws = URI.create("ws://127.0.0.1:" + hub.port() + "/ws");
            Victim victim = new Victim(ws);
            Attacker attacker = new Attacker(ws);
            try {
                victim.measure(VICTIM_RATE, null); // warm-up
                List<Long> quiet = new ArrayList<>();
                List<Long> attacked = new ArrayList<>();
                attacker.start();
                for (int round = 0; round < ROUNDS; round++) {
                    attacker.pause();
                    victim.measure(VICTIM_RATE, quiet);
                    attacker.resume();
                    attacker.awaitFrames(attacker.sent.get() + ATTACK_RATE / 4); // under way again
                    victim.measure(VICTIM_RATE, attacked);
                }
                attacker.pause();
                long[] baseline = sorted(quiet);
                long[] underAttack = sorted(attacked);
                System.out.printf("WriterFairnessTest: victim's acked send without attack p50 %.1f ms p99 %.1f ms;"
                                + " under attack (%d read_acks of 9,000 and 500 unknown ids sent, %d answered too_large,"
                                + " %d other errors) p50 %.1f ms p99 %.1f ms max %.1f ms; %d samples each%n",
                        ms(baseline, 50), ms(baseline, 99), attacker.sent.get(), attacker.tooLarge.get(),
                        attacker.otherErrors.get(), ms(underAttack, 50), ms(underAttack, 99), ms(underAttack, 100),
                        underAttack.length);
                assertThat(attacker.tooLarge.get()).as("the 9,000-id acks are refused").isPositive();
                double bound = ms(baseline, 99) < BOUND_MS / 2 ? BOUND_MS : 3 * ms(baseline, 99) + BOUND_MS;
                assertThat(ms(underAttack, 99)).as("victim's p99 acked-send latency under attack, ms").isLessThan(bound);
            } finally {
                attacker.stop();
                victim.close();
            }
        }
    }

    private static long[] sorted(List<Long> samples) {
        long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    private static double ms(long[] sorted, int percentile) {
        int index = Math.min(sorted.length - 1, sorted.length * percentile / 100);
        return sorted[index] / 1e6;
    }

    /** Acked sends, one at a time, paced; records send → {@code sent} for each. */
    private static final class Victim implements AutoCloseable {
        private final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
        private final RawSocket client;
        private final Inbox inbox = new Inbox();
        private int next;

        Victim(URI ws) {
            client = RawSocket.stream(ws, frame -> {
                if (Inbox.isType(frame, "sent")) {
                    CompletableFuture<Long> done = waiting.remove(frame.get("client_msg_id").asText());
                    if (done != null) {
                        done.complete(System.nanoTime());
                    }
                }
                inbox.accept(frame);
            });
            client.send(RawSocket.authFrame("victim", "*"));
            inbox.await("auth_ok", WAIT);
        }

        /** Sends {@code count} messages at VICTIM_RATE, adding each latency to {@code into} (if not null). */
        void measure(int count, List<Long> into) throws Exception {
            long interval = TimeUnit.SECONDS.toNanos(1) / VICTIM_RATE;
            long tick = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String id = "v-" + next++;
                CompletableFuture<Long> done = new CompletableFuture<>();
                waiting.put(id, done);
                long started = System.nanoTime();
                client.send(Json.mapper().createObjectNode().put("type", "send").put("channel", "general")
                        .put("body", "hello " + id).put("client_msg_id", id));
                long latency = done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS) - started;
                if (into != null) {
                    into.add(latency);
                }
                tick += interval;
                LockSupport.parkNanos(tick - System.nanoTime()); // pacing, not waiting for a condition
            }
            assertThat(inbox.frames("error")).as("errors answered to the victim").isEmpty();
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
        private final RawSocket client;
        private final Inbox inbox = new Inbox();
        private final Thread thread;
        private volatile boolean stopping;
        private volatile boolean paused;

        Attacker(URI ws) {
            client = RawSocket.stream(ws, frame -> {
                if (Inbox.isType(frame, "error")) {
                    (frame.path("code").asText().equals("too_large") ? tooLarge : otherErrors).incrementAndGet();
                }
                inbox.accept(frame);
            });
            client.send(RawSocket.authFrame("mallory", "*"));
            inbox.await("auth_ok", WAIT);
            String huge = readAck(9_000).toString();
            String capped = readAck(500).toString();
            assertThat(huge.length()).as("fits the frame limit").isLessThan(64 * 1024);
            thread = new Thread(() -> {
                long interval = TimeUnit.SECONDS.toNanos(1) / ATTACK_RATE;
                long tick = System.nanoTime();
                while (!stopping && !client.isClosed()) {
                    if (!paused) {
                        client.trySendText(huge);
                        client.trySendText(capped);
                        sent.addAndGet(2);
                    }
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

        void pause() {
            paused = true;
        }

        void resume() {
            paused = false;
        }

        void stop() throws InterruptedException {
            stopping = true;
            thread.join(WAIT.toMillis());
            client.abort();
        }
    }
}
