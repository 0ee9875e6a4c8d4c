package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.server.session.OutboundBudget;
import dev.parley.server.session.Session;
import dev.parley.server.session.SessionRegistry;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, finding 4: memory is bounded in bytes, not only in frames. Clients that never read ask
 * for page after page of large history, or sit in a busy channel; the hub closes them (1008, too
 * slow) before they hold more than their share, the total its sessions hold never exceeds the
 * configured budget (gauge {@code parley_outbound_queued_bytes}), and a client that reads is not
 * touched. Before the fix, 50 such requests pinned 5.3 GB: nothing closed these clients (their
 * frame count stayed far below the queue's 20,000).
 */
class OutboundBytesTest {
    private static final long SMALL = 4L << 20;
    private static final long LARGE = 64L << 20;
    private static final int MESSAGES = 120;
    private static final int PADDING = 30_000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void clients_that_never_read_and_ask_for_history_are_closed_once_over_their_share() throws Exception {
        run(SMALL, LARGE, true);
    }

    @Test
    void slow_subscribers_of_a_busy_channel_are_shed_holding_the_most_first_once_the_total_budget_is_full()
            throws Exception {
        run(LARGE, SMALL, false);
    }

    private void run(long sessionBytes, long totalBytes, boolean hoard) throws Exception {
        Limits limits = Limits.DEFAULTS.withOutboundBytes(sessionBytes, totalBytes);
        // The loop guard off: these senders are load, not agents in a conversation.
        HubConfig config = new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0, null, limits).withLoopGuard(0);
        try (InProcessHub hub = InProcessHub.start(config)) {
            URI ws = URI.create("ws://127.0.0.1:" + hub.port() + "/ws");
            SessionRegistry sessions = hub.hub().services().sessions();
            OutboundBudget budget = sessions.outbound();
            try (AckedSender alice = AckedSender.start(ws, "alice", "general", "m", MESSAGES, 32, PADDING)) {
                alice.awaitDone(WAIT);
                alice.awaitAcked(MESSAGES, WAIT);
            }
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long heapBefore = usedHeapAfterGc(memory);

            AtomicLong most = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    most.accumulateAndGet(budget.held(), Math::max);
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
                }
            }, "outbound-sampler");
            sampler.setDaemon(true);
            sampler.start();

            try (RawSocket reader = hub.client("reader", "*")) {
                List<StalledClient> stalled = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (int i = 0; i < 4 && hoard; i++) {
                    names.add("hoarder" + i);
                }
                for (String name : names) {
                    StalledClient client = StalledClient.open("127.0.0.1", hub.port(),
                            "{\"type\":\"auth\",\"name\":\"" + name + "\",\"features\":[\"*\"]}");
                    stalled.add(client);
                }
                awaitCondition(() -> names.stream().allMatch(sessions::isOnline), "hoarders authenticated");
                List<Session> hoarders = names.stream().map(n -> sessions.sessionsOf(n).iterator().next()).toList();
                // Each asks for 50 pages of history at once, of up to 1 Mi chars of text each (about 2 MiB
                // counted): two are over its share.
                String history = "{\"type\":\"history\",\"channel\":\"general\",\"limit\":200}";
                for (StalledClient client : stalled) {
                    client.sendBurst(history, 50);
                }
                awaitCondition(() -> hoarders.stream().allMatch(Session::isClosed), "every hoarder closed as too slow");

                // Slow subscribers in a busy channel: together over the total budget before each is over
                // its share, so the hub sheds the ones holding the most; the reader keeps up.
                List<Session> lurkers = new ArrayList<>();
                for (int i = 0; i < 4 && !hoard; i++) {
                    String name = "lurker" + i;
                    stalled.add(StalledClient.open("127.0.0.1", hub.port(),
                            "{\"type\":\"auth\",\"name\":\"" + name + "\",\"features\":[\"*\"]}"));
                    awaitCondition(() -> sessions.isOnline(name), name + " authenticated");
                    lurkers.add(sessions.sessionsOf(name).iterator().next());
                }
                try (AckedSender bob = AckedSender.start(ws, "bob", "general", "b", 5_000, 32, 8_000)) {
                    awaitCondition(() -> lurkers.stream().allMatch(Session::isClosed), "the slow subscribers closed");
                    bob.stop();
                    bob.awaitDone(WAIT);
                    bob.awaitAcked(bob.sent(), WAIT);
                    assertThat(bob.errors()).isEmpty();
                }
                if (!hoard) {
                    assertThat(budget.shed()).as("sessions closed by the total budget").isPositive();
                }
                reader.roundTrip();
                assertThat(reader.isClosed()).as("the reading client is untouched").isFalse();

                long heapStalled = usedHeapAfterGc(memory);
                sampler.interrupt();
                sampler.join();
                String metrics = hub.get("/metrics").body();
                System.out.printf("OutboundBytesTest (%s): most held at once %,d bytes of a %,d budget (session share %,d);"
                                + " %d sessions shed by the total budget; heap after GC %,d KB before, %,d KB with the"
                                + " stalled clients still connected (delta %+,d KB)%n",
                        hoard ? "history hoarders" : "slow subscribers", most.get(), totalBytes, sessionBytes,
                        budget.shed(), heapBefore >> 10, heapStalled >> 10, (heapStalled - heapBefore) >> 10);
                assertThat(most.get()).as("bytes held by all outbound queues at once").isLessThanOrEqualTo(totalBytes);
                assertThat(metrics).contains("parley_outbound_queued_bytes");
                // Messages were committed: the writer's stage timings are served, non-zero.
                assertThat(metrics).containsPattern("(?m)^parley_write_commit_p50_micros [1-9]")
                        .containsPattern("(?m)^parley_write_publish_p99_micros [1-9]");
                // The four stalled clients may hold their shares, the hub no more than its budget; what
                // the kernel's socket buffers took is not on the heap.
                assertThat(heapStalled - heapBefore).as("heap the stalled clients pin, bytes")
                        .isLessThan(Math.min(totalBytes, 4 * sessionBytes) + (32L << 20));
                for (StalledClient client : stalled) {
                    StalledClient.Drained drained = client.drain();
                    assertThat(drained.closeCode()).isIn(Session.CLOSE_POLICY, -1);
                    client.close();
                }
                assertThat(reader.isClosed()).isFalse();
            }
        }
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void awaitCondition(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
