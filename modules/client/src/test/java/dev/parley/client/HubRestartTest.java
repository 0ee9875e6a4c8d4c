package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ChildProcess;
import dev.parley.testing.RestProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub dies by SIGKILL in the middle of a stream and comes back on the same port and database. */
class HubRestartTest {
    private static final int MESSAGES = 3_000;
    private static final int IN_FLIGHT = 32;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void every_message_reaches_the_receiver_exactly_once_and_in_order_across_a_kill_9_and_restart() throws Exception {
        Path db = dir.resolve("parley.db");
        ChildProcess first = ChildProcess.healthyHub(db, 0, WAIT);
        int port = first.port();
        String url = RestProbe.at(port).base();
        Collector<Message> received = new Collector<>();
        Collector<ConnectionEvent> states = new Collector<>();
        ChildProcess second = null;
        try (ParleyClient receiver = TestClients.builder(url, "receiver").inbox(false).build();
             ParleyClient sender = TestClients.connected(url, "sender")) {
            receiver.onMessage(received);
            receiver.on(ConnectionEvent.class, states);
            receiver.connect();
            List<CompletableFuture<Message>> sends = new ArrayList<>();
            Thread sending = new Thread(() -> sendContinuously(sender, sends), "test-sender");
            sending.start();

            received.awaitCount(MESSAGES / 4, WAIT);
            first.kill9();
            long confirmedAtKill = confirmed(sends);
            second = ChildProcess.healthyHub(db, port, WAIT);
            sending.join(WAIT.toMillis());
            List<Message> stored = new ArrayList<>();
            for (CompletableFuture<Message> send : sends) {
                stored.add(send.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            List<Message> got = received.awaitCount(MESSAGES, WAIT);
            sender.send("general", "end");
            received.awaitMatch(m -> m.body().equals("end"), WAIT);

            assertThat(sending.isAlive()).isFalse();
            List<String> expected = IntStream.range(0, MESSAGES).mapToObj(i -> "m" + i)
                    .collect(Collectors.toCollection(ArrayList::new));
            expected.add("end");
            assertThat(confirmedAtKill).as("the kill came in the middle of the stream").isLessThan(MESSAGES);
            assertThat(received.items()).extracting(Message::body).containsExactlyElementsOf(expected);
            assertThat(got.subList(0, MESSAGES)).extracting(Message::messageId)
                    .containsExactlyElementsOf(stored.stream().map(Message::messageId).toList());
            assertThat(stored).extracting(Message::seq).doesNotHaveDuplicates().isSorted();
            assertThat(RestProbe.at(port).get("/health").body()).contains("\"messages\":" + (MESSAGES + 1));
            assertThat(states.items()).extracting(ConnectionEvent::state)
                    .containsSubsequence(ConnectionState.CONNECTED, ConnectionState.RECONNECTING,
                            ConnectionState.CONNECTED);
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    private static long confirmed(List<CompletableFuture<Message>> sends) {
        synchronized (sends) {
            return sends.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
        }
    }

    /** Sends m0, m1, ... with up to {@link #IN_FLIGHT} unconfirmed at a time, straight through the outage. */
    private static void sendContinuously(ParleyClient sender, List<CompletableFuture<Message>> sends) {
        Semaphore window = new Semaphore(IN_FLIGHT);
        for (int i = 0; i < MESSAGES; i++) {
            window.acquireUninterruptibly();
            CompletableFuture<Message> send = sender.sendAsync(SendRequest.of("general", "m" + i));
            send.whenComplete((m, failure) -> window.release());
            synchronized (sends) {
                sends.add(send);
            }
        }
    }
}
