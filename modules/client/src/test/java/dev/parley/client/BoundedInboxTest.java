package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.HubExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The inbox as long-lived participants use it: bounded in count and bytes without losing or
 * reordering anything, a filtered take that leaves the rest, a take that stops on a condition, and
 * read marks that {@code unread} sees at once.
 */
class BoundedInboxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final HubExtension hub = new HubExtension();

    @Test
    void an_inbox_full_by_count_holds_at_most_its_limit_and_loses_nothing() throws Exception {
        List<String> sent = IntStream.rangeClosed(1, 40).mapToObj(i -> "m" + i).toList();
        List<List<Message>> batches = receiveAll(TestClients.builder(hub.url(), "small").inboxLimits(5, 1L << 20), sent, "x");

        assertThat(batches).extracting(List::size).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(5));
        assertThat(batches.stream().flatMap(List::stream).map(Message::body).toList()).containsExactlyElementsOf(sent);
    }

    @Test
    void an_inbox_full_by_bytes_holds_at_most_its_limit_and_loses_nothing() throws Exception {
        String text = "y".repeat(1_000); // about 2.3 KB held each: a 4 KiB inbox holds one
        List<String> sent = IntStream.rangeClosed(1, 12).mapToObj(i -> i + text).toList();
        List<List<Message>> batches = receiveAll(TestClients.builder(hub.url(), "narrow").inboxLimits(1_000, 4_096), sent, "y");

        assertThat(batches).extracting(List::size).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(1));
        assertThat(batches.stream().flatMap(List::stream).map(Message::body).toList()).containsExactlyElementsOf(sent);
    }

    @Test
    void take_hands_over_the_matching_messages_and_leaves_the_others_in_order() throws Exception {
        try (ParleyClient sender = TestClients.connected(hub.url(), "sender"); ParleyClient receiver = TestClients.connected(hub.url(), "receiver")) {
            Channel side = sender.createChannel("side", null);
            receiver.join("side");
            sender.send("general", "a");
            sender.send("side", "b");
            sender.send("general", "c");

            List<Message> fromSide = receiver.take(m -> m.channelId().equals(side.channelId()), 10, WAIT);
            assertThat(fromSide).extracting(Message::body).containsExactly("b");
            List<String> rest = new ArrayList<>();
            while (rest.size() < 2) {
                receiver.take(m -> true, 10, WAIT).forEach(m -> rest.add(m.body()));
            }
            assertThat(rest).containsExactly("a", "c");
            assertThat(receiver.waiting()).isZero();
        }
    }

    @Test
    void take_returns_early_and_empty_once_its_stop_condition_holds() throws Exception {
        try (ParleyClient waiter = TestClients.connected(hub.url(), "waiter")) {
            AtomicBoolean otherCameOnline = new AtomicBoolean();
            waiter.on(PresenceEvent.class, e -> {
                if (e.participant().equals("other") && e.online()) {
                    otherCameOnline.set(true);
                }
            });
            long start = System.nanoTime();
            Thread connectLater = new Thread(() -> TestClients.connected(hub.url(), "other"));
            connectLater.start();
            List<Message> taken = waiter.take(m -> true, 1, WAIT, otherCameOnline::get);

            assertThat(taken).isEmpty();
            assertThat(otherCameOnline).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(WAIT.toSeconds());
            connectLater.join();
        }
    }

    @Test
    void mark_read_is_counted_by_unread_as_soon_as_it_returns() throws Exception {
        try (ParleyClient sender = TestClients.connected(hub.url(), "sender"); ParleyClient reader = TestClients.connected(hub.url(), "reader")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(sender.send("general", "read me " + i).messageId());
            }
            assertThat(unreadInGeneral(reader)).isEqualTo(3);

            reader.markRead(ids, WAIT);

            assertThat(unreadInGeneral(reader)).isZero();
        }
    }

    @Test
    void a_ws_address_with_the_ws_path_connects() {
        String ws = hub.url().replace("http://", "ws://") + "/ws";
        try (ParleyClient client = TestClients.connected(ws, "ws-user")) {
            assertThat(client.send("general", "over ws").seq()).isPositive();
            assertThat(client.serverUrl()).isEqualTo(hub.url() + "/");
        }
    }

    /** Sends {@code bodies} to a new channel and takes everything as it comes, batch by batch. */
    private List<List<Message>> receiveAll(ParleyClientBuilder receiverBuilder, List<String> bodies, String channel)
            throws Exception {
        try (ParleyClient sender = TestClients.connected(hub.url(), "sender"); ParleyClient receiver = receiverBuilder.build()) {
            sender.createChannel(channel, null);
            receiver.connect();
            receiver.join(channel);
            for (String body : bodies) {
                sender.sendAsync(SendRequest.of(channel, body));
            }
            sender.send(channel, "end");
            List<List<Message>> batches = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                List<Message> batch = receiver.take(m -> true, 1_000, Duration.ofSeconds(5));
                if (batch.stream().anyMatch(m -> m.body().equals("end"))) {
                    batches.add(batch.stream().filter(m -> !m.body().equals("end")).toList());
                    return batches;
                }
                batches.add(batch);
            }
            throw new AssertionError("'end' did not arrive within " + WAIT + "; got " + batches);
        }
    }

    private static long unreadInGeneral(ParleyClient client) {
        return client.unread().stream().filter(u -> "general".equals(u.channelName())).mapToLong(Unread::unread).sum();
    }
}
