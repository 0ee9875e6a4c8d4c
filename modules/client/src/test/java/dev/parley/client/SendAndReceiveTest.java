package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.HubExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SendAndReceiveTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final HubExtension hub = new HubExtension();

    @Test
    void send_returns_the_stored_message_and_the_other_member_receives_it_once() throws Exception {
        try (ParleyClient alice = TestClients.connected(hub.url(), "alice");
             ParleyClient bob = TestClients.connected(hub.url(), "bob")) {
            Message sent = alice.send(SendRequest.of("general", "hello bob").withPriority("urgent")
                    .withMetadata(Map.of("task", 7, "tags", List.of("a", "b"))));
            alice.send("general", "end");

            Message received = bob.next(WAIT);
            Message end = bob.next(WAIT);

            assertThat(sent.messageId()).matches("ty-[0-9a-f]{12}");
            assertThat(sent.seq()).isPositive();
            assertThat(sent.channelName()).isEqualTo("general");
            assertThat(sent.createdAt()).isNotNull();
            assertThat(received).isEqualTo(sent);
            assertThat(received.metadata()).containsEntry("task", 7).containsEntry("tags", List.of("a", "b"));
            assertThat(end.body()).isEqualTo("end");
            assertThat(bob.poll()).isNull();
            assertThat(alice.poll()).as("a sender does not receive its own messages").isNull();
            assertThat(alice.features().compatMode()).isFalse();
            assertThat(alice.features().enabled())
                    .contains(FeatureSet.ACKED_SEND, FeatureSet.RESUME, FeatureSet.DELIVERY_ACK);
        }
    }

    @Test
    void listeners_see_messages_in_order_on_one_event_thread() throws Exception {
        try (ParleyClient alice = TestClients.connected(hub.url(), "alice");
             ParleyClient bob = TestClients.builder(hub.url(), "bob").inbox(false).build()) {
            Collector<Message> messages = new Collector<>();
            Collector<String> threads = new Collector<>();
            bob.onMessage(messages);
            bob.onMessage(m -> threads.accept(Thread.currentThread().getName()));
            bob.connect();
            for (int i = 0; i < 50; i++) {
                alice.send("general", "m" + i);
            }

            List<Message> got = messages.awaitCount(50, WAIT);

            assertThat(got).extracting(Message::body).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 50).mapToObj(i -> "m" + i).toList());
            assertThat(threads.awaitCount(50, WAIT)).containsOnly("parley-bob-events");
            assertThatThrownBy(() -> bob.poll()).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void a_dm_reaches_its_recipient_and_nobody_else() throws Exception {
        try (ParleyClient alice = TestClients.connected(hub.url(), "alice");
             ParleyClient bob = TestClients.connected(hub.url(), "bob");
             ParleyClient carol = TestClients.connected(hub.url(), "carol")) {
            Message dm = alice.dm("bob", "just for you");
            alice.send("general", "for everyone");

            assertThat(bob.next(WAIT)).isEqualTo(dm);
            assertThat(dm.channelName()).isEqualTo("dm:alice:bob");
            assertThat(carol.next(WAIT).body()).isEqualTo("for everyone");
            assertThat(carol.poll()).isNull();
        }
    }

    @Test
    void a_send_the_hub_refuses_fails_with_the_hubs_error_code() throws Exception {
        try (ParleyClient alice = TestClients.connected(hub.url(), "alice")) {
            assertThatThrownBy(() -> alice.send("no-such-channel", "hello"))
                    .isInstanceOf(ParleyException.class)
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo("channel_not_found"));
        }
    }

    @Test
    void edits_deletions_reactions_typing_and_receipts_arrive_as_events() throws Exception {
        try (ParleyClient alice = TestClients.connected(hub.url(), "alice");
             ParleyClient bob = TestClients.connected(hub.url(), "bob")) {
            Collector<ParleyEvent> atBob = new Collector<>();
            Collector<ParleyEvent> atAlice = new Collector<>();
            bob.on(ParleyEvent.class, atBob);
            alice.on(ParleyEvent.class, atAlice);
            Message m = alice.send("general", "first draft");
            bob.next(WAIT);

            Message edited = alice.edit(m.messageId(), "second draft");
            boolean reacted = bob.react(m.messageId(), "👍");
            bob.typing("general");
            bob.readAck(List.of(m.messageId()));
            EditEvent edit = (EditEvent) atBob.awaitMatch(EditEvent.class::isInstance, WAIT);
            ReactionEvent reaction = (ReactionEvent) atAlice.awaitMatch(ReactionEvent.class::isInstance, WAIT);
            TypingEvent typing = (TypingEvent) atAlice.awaitMatch(TypingEvent.class::isInstance, WAIT);
            ReceiptEvent receipt = (ReceiptEvent) atAlice.awaitMatch(ReceiptEvent.class::isInstance, WAIT);
            Message deleted = alice.delete(m.messageId());

            assertThat(edited.body()).isEqualTo("second draft");
            assertThat(edit.message().body()).isEqualTo("second draft");
            assertThat(edit.message().editedAt()).isNotNull();
            assertThat(reacted).isTrue();
            assertThat(reaction).isEqualTo(new ReactionEvent(m.messageId(), m.channelId(), "bob", "👍", true));
            assertThat(typing.participant()).isEqualTo("bob");
            assertThat(receipt.messageIds()).containsExactly(m.messageId());
            assertThat(receipt.reader()).isEqualTo("bob");
            assertThat(deleted.deleted()).isTrue();
            DeleteEvent delete = (DeleteEvent) atBob.awaitMatch(DeleteEvent.class::isInstance, WAIT);
            assertThat(delete.messageId()).isEqualTo(m.messageId());
        }
    }

    @Test
    void rest_reads_show_channels_participants_history_search_and_unread() throws Exception {
        try (ParleyClient alice = TestClients.connected(hub.url(), "alice");
             ParleyClient bob = TestClients.connected(hub.url(), "bob")) {
            Channel builds = alice.createChannel("Build Bots", "CI chatter");
            bob.join("build-bots");
            Message first = alice.send("build-bots", "build 4711 is green");
            alice.send("build-bots", "build 4712 is red");
            Message reply = alice.send(SendRequest.of("build-bots", "fixed").withReplyTo(first.messageId()));

            assertThat(builds.name()).isEqualTo("build-bots");
            assertThat(alice.channels()).extracting(Channel::name).contains("general", "build-bots");
            assertThat(alice.participants()).extracting(Participant::name).contains("alice", "bob");
            assertThat(alice.presence()).filteredOn(p -> p.name().equals("bob")).singleElement()
                    .satisfies(p -> assertThat(p.online()).isTrue());
            assertThat(bob.history("build-bots", 10)).extracting(Message::body)
                    .containsExactly("build 4711 is green", "build 4712 is red", "fixed");
            assertThat(bob.historyAfter("build-bots", first.seq(), 10)).hasSize(2);
            assertThat(bob.search("4712")).extracting(Message::body).containsExactly("build 4712 is red");
            assertThat(bob.thread(first.messageId())).extracting(Message::messageId)
                    .containsExactly(first.messageId(), reply.messageId());
            assertThat(bob.message(first.messageId()).body()).isEqualTo("build 4711 is green");
            assertThat(bob.unread()).filteredOn(u -> u.channelName().equals("build-bots")).singleElement()
                    .satisfies(u -> assertThat(u.unread()).isEqualTo(3));
            assertThat(bob.health()).containsEntry("status", "ok");
        }
    }

    @Test
    void rest_reads_work_before_connecting_and_an_absent_hub_is_reported_as_unreachable() {
        try (ParleyClient early = TestClients.builder(hub.url(), "early").build();
             ParleyClient lost = TestClients.builder("http://127.0.0.1:1", "lost").build()) {
            assertThat(early.channels()).extracting(Channel::name).contains("general");
            assertThatThrownBy(lost::connect).isInstanceOf(ParleyException.class)
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo(ParleyException.UNREACHABLE))
                    .hasMessageContaining("hub not reachable at http://127.0.0.1:1");
            assertThat(lost.state()).isEqualTo(ConnectionState.DISCONNECTED);
        }
    }
}
