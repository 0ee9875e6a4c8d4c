package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.HubExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SlowListenerTest {
    private static final int MESSAGES = 2_000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final HubExtension hub = new HubExtension();

    @Test
    void a_blocked_listener_loses_no_message_and_does_not_stall_the_clients_own_sends() throws Exception {
        try (ParleyClient sender = TestClients.connected(hub.url(), "sender");
             ParleyClient slow = TestClients.builder(hub.url(), "slow").inbox(false).build()) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Collector<Message> received = new Collector<>();
            slow.onMessage(m -> {
                blocked.countDown();
                awaitQuietly(release);
                received.accept(m);
            });
            slow.connect();

            for (int i = 0; i < MESSAGES; i++) {
                sender.sendAsync(SendRequest.of("general", "m" + i));
            }
            sender.send("general", "last");
            assertThat(blocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            Message ownSend = slow.send("general", "sent while my listener is stuck");
            release.countDown();
            List<Message> got = received.awaitCount(MESSAGES + 1, WAIT);

            assertThat(ownSend.seq()).isPositive();
            assertThat(got).extracting(Message::body).containsExactlyElementsOf(
                    IntStream.rangeClosed(0, MESSAGES).mapToObj(i -> i == MESSAGES ? "last" : "m" + i).toList());
            assertThat(slow.state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
