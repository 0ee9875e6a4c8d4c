package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand clients resume at once. The replays run on the hub's own few replay threads, never on a request
 * thread, so the hub's thread count stays bounded however many replays are under way; every client gets every
 * message it asked for, in order, then its {@code resumed} report.
 */
class ResumeStormTest {
    private static final int CLIENTS = 1000;
    private static final int MESSAGES = 5;
    /** The hub's threads (Jetty's pool, its selectors and acceptors, the hub's own) may not pass this. */
    private static final int HUB_THREAD_BOUND = 80;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void a_thousand_clients_resuming_at_once_all_get_everything_while_the_hub_keeps_few_threads() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            for (int i = 1; i <= MESSAGES; i++) {
                hub.rest().send("alice", "general", "missed " + i);
            }
            AtomicInteger peak = new AtomicInteger();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(hubThreads(), Math::max);
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // a sample every 2 ms
                }
            }, "thread-sampler");
            sampler.setDaemon(true);
            sampler.start();
            List<RawSocket> clients = new ArrayList<>();
            try {
                // Opened 16 at a time, so that the storm is a storm: many replays under way at once.
                java.util.concurrent.ExecutorService openers = java.util.concurrent.Executors.newFixedThreadPool(16);
                try {
                    List<java.util.concurrent.Future<RawSocket>> opening = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        String name = "resumer-" + c;
                        opening.add(openers.submit(() -> {
                            RawSocket client = RawSocket.connect(hub.ws());
                            ObjectNode auth = RawSocket.authFrame(name, "*");
                            auth.putObject("resume").put("general", 0);
                            client.send(auth);
                            return client;
                        }));
                    }
                    for (java.util.concurrent.Future<RawSocket> client : opening) {
                        clients.add(client.get());
                    }
                } finally {
                    openers.shutdown();
                }
                for (RawSocket client : clients) {
                    JsonNode resumed = client.await(f -> f.path("type").asText().equals("resumed"), WAIT);
                    assertThat(resumed.get("channels").get("general").get("status").asText()).isEqualTo("ok");
                    assertThat(client.frames("message")).extracting(m -> m.get("body").asText())
                            .containsExactly("missed 1", "missed 2", "missed 3", "missed 4", "missed 5");
                }
            } finally {
                sampler.interrupt();
                clients.forEach(RawSocket::close);
            }
            assertThat(peak.get()).as("the hub's threads at the peak of the storm").isLessThanOrEqualTo(HUB_THREAD_BOUND);
        }
    }

    /** Threads of the hub in this JVM: Jetty's (its pool is shared by HTTP and WebSocket) and the hub's own. */
    private static int hubThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 64];
        int count = root.enumerate(threads, true);
        int n = 0;
        for (int i = 0; i < count; i++) {
            String name = threads[i].getName();
            if (name.startsWith("JettyServerThreadPool") || name.startsWith("parley-")) {
                n++;
            }
        }
        return n;
    }
}
