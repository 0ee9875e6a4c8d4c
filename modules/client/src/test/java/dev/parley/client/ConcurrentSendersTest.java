package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.HubExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One client shared by many threads, as its class comment promises. */
class ConcurrentSendersTest {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 150;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final HubExtension hub = new HubExtension();

    @Test
    void sends_from_many_threads_are_each_stored_once_and_received_once_in_each_threads_order() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (ParleyClient shared = TestClients.connected(hub.url(), "shared");
             ParleyClient receiver = TestClients.builder(hub.url(), "receiver").inbox(false).build()) {
            Collector<Message> received = new Collector<>();
            receiver.onMessage(received);
            receiver.connect();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Message>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Message> stored = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        stored.add(shared.send("general", thread + ":" + i));
                    }
                    return stored;
                }));
            }
            start.countDown();
            List<Message> stored = new ArrayList<>();
            for (Future<List<Message>> result : results) {
                stored.addAll(result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            List<Message> got = received.awaitCount(THREADS * PER_THREAD, WAIT);

            assertThat(stored).hasSize(THREADS * PER_THREAD);
            assertThat(stored).extracting(Message::messageId).doesNotHaveDuplicates();
            assertThat(stored).extracting(Message::seq).doesNotHaveDuplicates();
            assertThat(got).extracting(Message::messageId)
                    .containsExactlyInAnyOrderElementsOf(stored.stream().map(Message::messageId).toList());
            assertThat(got).extracting(Message::seq).isSorted();
            for (int t = 0; t < THREADS; t++) {
                String prefix = t + ":";
                assertThat(got).extracting(Message::body).filteredOn(b -> b.startsWith(prefix))
                        .containsExactlyElementsOf(IntStream.range(0, PER_THREAD).mapToObj(i -> prefix + i).toList());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
