package dev.parley.store;

import static dev.parley.store.TestStore.await;
import static dev.parley.store.TestStore.count;
import static dev.parley.store.TestStore.register;
import static dev.parley.store.TestStore.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.store.DeliveryStatus.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pending messages, delivery and read acks, unread counts and delivery status. */
class DeliveryTest {
    private static final String GENERAL = Vocabulary.GENERAL_ID;

    @TempDir
    Path dir;

    private HubStore store;
    private Cursors cursors;

    @BeforeEach
    void open() {
        store = TestStore.open(dir);
        cursors = store.cursors();
        register(store, "alice", "bob", "carol");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void pending_holds_the_messages_of_others_in_seq_order_and_never_ones_own() {
        StoredMessage m1 = send(store, GENERAL, "alice", "one");
        send(store, GENERAL, "bob", "mine");
        StoredMessage m3 = send(store, GENERAL, "carol", "three");

        assertThat(cursors.pending("bob", PendingPosition.START, 100)).containsExactly(m1, m3);
        assertThat(cursors.pendingCount("bob")).isEqualTo(2);
        assertThat(cursors.pendingCount("alice")).isEqualTo(2);
    }

    @Test
    void pending_pages_through_every_channel_without_loss_or_repeats() {
        String team = await(store.channels().create("team", "alice", null)).channel().channelId();
        await(store.channels().join(team, "bob"));
        List<StoredMessage> sent = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sent.add(send(store, i % 2 == 0 ? GENERAL : team, "alice", "m" + i));
        }

        List<StoredMessage> paged = new ArrayList<>();
        PendingPosition position = PendingPosition.START;
        for (List<StoredMessage> page = cursors.pending("bob", position, 2); !page.isEmpty();
             page = cursors.pending("bob", position, 2)) {
            assertThat(page.size()).isLessThanOrEqualTo(2);
            paged.addAll(page);
            position = PendingPosition.after(page.get(page.size() - 1));
        }

        assertThat(paged).containsExactlyInAnyOrderElementsOf(sent).doesNotHaveDuplicates();
        assertThat(paged).isEqualTo(cursors.pending("bob", PendingPosition.START, 100));
        assertThat(paged).isSortedAccordingTo(
                Comparator.comparing(StoredMessage::channelId).thenComparingLong(StoredMessage::seq));
    }

    @Test
    void pending_oldest_first_interleaves_channels_by_time_as_the_reference_lists_them() {
        String team = await(store.channels().create("team", "alice", null)).channel().channelId();
        await(store.channels().join(team, "bob"));
        List<StoredMessage> sent = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // team's id sorts before or after general's; either way the answer must follow time, not channel.
            sent.add(send(store, i % 3 == 0 ? team : GENERAL, "alice", "m" + i));
        }
        send(store, team, "bob", "bob's own, never pending for bob");
        await(cursors.markDelivered("bob", GENERAL, sent.get(1).seq()));

        List<StoredMessage> expected = sent.stream().filter(m -> m != sent.get(1)).toList();
        assertThat(cursors.pendingOldestFirst("bob", 100)).containsExactlyElementsOf(expected);
        assertThat(cursors.pendingOldestFirst("bob", 3)).containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(cursors.pendingOldestFirst("carol", 100)).extracting(StoredMessage::body)
                .containsExactly("m1", "m2", "m4", "m5");
    }

    @Test
    void the_delivered_cursor_moves_forward_only_and_never_past_the_newest_message() {
        send(store, GENERAL, "alice", "1");
        send(store, GENERAL, "alice", "2");
        StoredMessage m3 = send(store, GENERAL, "alice", "3");

        assertThat(await(cursors.markDelivered("bob", GENERAL, 2))).isTrue();
        assertThat(await(cursors.markDelivered("bob", GENERAL, 1))).isFalse();
        assertThat(cursors.pending("bob", PendingPosition.START, 10)).containsExactly(m3);

        await(cursors.markDelivered("bob", GENERAL, 99));
        assertThat(cursors.cursors("bob")).singleElement()
                .extracting(MemberCursor::deliveredSeq, MemberCursor::readSeq, MemberCursor::lastSeq)
                .containsExactly(3L, 0L, 3L);
        StoredMessage m4 = send(store, GENERAL, "alice", "4");
        assertThat(cursors.pending("bob", PendingPosition.START, 10)).containsExactly(m4);
    }

    @Test
    void several_cursor_moves_can_be_flushed_in_one_write() {
        String team = await(store.channels().create("team", "alice", null)).channel().channelId();
        await(store.channels().join(team, "bob"));
        StoredMessage inGeneral = send(store, GENERAL, "alice", "g");
        StoredMessage inTeam = send(store, team, "alice", "t");

        await(cursors.markDelivered("bob", List.of(PendingPosition.after(inGeneral), PendingPosition.after(inTeam))));

        assertThat(cursors.pendingCount("bob")).isZero();
    }

    @Test
    void a_late_joiner_has_nothing_old_pending_or_unread_but_gets_what_comes_next() {
        send(store, GENERAL, "alice", "before dave");
        String team = await(store.channels().create("team", "alice", null)).channel().channelId();
        send(store, team, "alice", "team history");

        register(store, "dave");
        await(store.channels().join("team", "dave"));

        assertThat(cursors.pendingCount("dave")).isZero();
        assertThat(cursors.unread("dave")).isEmpty();
        StoredMessage next = send(store, team, "alice", "welcome");
        assertThat(cursors.pending("dave", PendingPosition.START, 10)).containsExactly(next);
        assertThat(cursors.delivery(next.messageId())).extracting(DeliveryStatus::recipient).containsExactly("dave");
    }

    @Test
    void acking_a_single_later_message_counts_it_and_leaves_the_earlier_ones_pending() {
        StoredMessage m1 = send(store, GENERAL, "alice", "1");
        StoredMessage m2 = send(store, GENERAL, "alice", "2");
        StoredMessage m3 = send(store, GENERAL, "alice", "3");

        assertThat(await(cursors.ack("bob", List.of(m3.messageId())))).isEqualTo(new AckResult(1, 2));
        assertThat(cursors.pending("bob", PendingPosition.START, 10)).containsExactly(m1, m2);
        assertThat(await(cursors.ack("bob", List.of(m1.messageId())))).isEqualTo(new AckResult(1, 1));
        assertThat(cursors.pending("bob", PendingPosition.START, 10)).containsExactly(m2);

        assertThat(await(cursors.ack("bob", List.of(m2.messageId())))).isEqualTo(new AckResult(1, 0));

        assertThat(cursors.cursors("bob")).singleElement().extracting(MemberCursor::deliveredSeq).isEqualTo(3L);
        assertThat(count(store, "SELECT count(*) FROM cursor_exceptions")).as("absorbed into the cursor").isZero();
    }

    @Test
    void ack_ignores_unknown_ids_repeats_and_messages_that_are_not_the_participants_to_receive() {
        StoredMessage fromAlice = send(store, GENERAL, "alice", "1");
        StoredMessage fromBob = send(store, GENERAL, "bob", "2");

        AckResult result = await(cursors.ack("bob",
                List.of("ty-000000000000", fromBob.messageId(), fromAlice.messageId(), fromAlice.messageId())));

        assertThat(result).isEqualTo(new AckResult(1, 0));
        assertThat(await(cursors.ack("bob", List.of(fromAlice.messageId())))).isEqualTo(new AckResult(0, 0));
    }

    @Test
    void ack_all_marks_everything_delivered_or_only_what_was_created_before_a_time() {
        send(store, GENERAL, "alice", "1");
        send(store, GENERAL, "alice", "2");
        StoredMessage m3 = send(store, GENERAL, "alice", "3");

        assertThat(await(cursors.ackAll("bob", Timestamps.parse(m3.createdAt())))).isEqualTo(new AckResult(2, 1));
        assertThat(cursors.pending("bob", PendingPosition.START, 10)).containsExactly(m3);
        assertThat(await(cursors.ackAll("bob", null))).isEqualTo(new AckResult(1, 0));
        assertThat(await(cursors.ackAll("carol", null))).isEqualTo(new AckResult(3, 0));
    }

    @Test
    void read_acks_in_any_order_return_receipts_per_sender_once_and_fold_into_the_cursor() {
        StoredMessage m1 = send(store, GENERAL, "alice", "1");
        StoredMessage m2 = send(store, GENERAL, "carol", "2");
        StoredMessage m3 = send(store, GENERAL, "alice", "3");

        ReadReceipts outOfOrder = await(cursors.readAck("bob", List.of(m3.messageId())));
        assertThat(outOfOrder.bySender()).isEqualTo(Map.of("alice", List.of(m3.messageId())));
        assertThat(cursors.unread("bob")).containsExactly(new UnreadCount(GENERAL, "general", 2));
        assertThat(cursors.pending("bob", PendingPosition.START, 10)).as("read implies delivered")
                .containsExactly(m1, m2);
        assertThat(await(cursors.readAck("bob", List.of(m3.messageId()))).isEmpty()).as("no second receipt").isTrue();

        ReadReceipts rest = await(cursors.readAck("bob", List.of(m1.messageId(), m2.messageId())));

        assertThat(rest.bySender()).isEqualTo(Map.of("alice", List.of(m1.messageId()), "carol", List.of(m2.messageId())));
        assertThat(cursors.unread("bob")).isEmpty();
        assertThat(cursors.pendingCount("bob")).isZero();
        assertThat(cursors.cursors("bob")).singleElement()
                .extracting(MemberCursor::deliveredSeq, MemberCursor::readSeq).containsExactly(3L, 3L);
        assertThat(count(store, "SELECT count(*) FROM cursor_exceptions")).isZero();
    }

    @Test
    void unread_counts_per_channel_skip_ones_own_messages() {
        String team = await(store.channels().create("team", "alice", null)).channel().channelId();
        await(store.channels().join(team, "bob"));
        send(store, GENERAL, "alice", "g1");
        send(store, GENERAL, "bob", "own");
        send(store, team, "alice", "t1");
        send(store, team, "alice", "t2");

        assertThat(cursors.unread("bob")).containsExactly(
                new UnreadCount(GENERAL, "general", 1), new UnreadCount(team, "team", 2));

        await(cursors.markRead("bob", team, 99));
        assertThat(cursors.unread("bob")).containsExactly(new UnreadCount(GENERAL, "general", 1));
        assertThat(cursors.pending("bob", PendingPosition.START, 10)).extracting(StoredMessage::body)
                .containsExactly("g1");
    }

    @Test
    void delivery_shows_each_recipient_present_at_send_time_as_queued_delivered_or_read() {
        register(store, "dave");
        StoredMessage message = send(store, GENERAL, "alice", "status?");
        register(store, "erin");
        await(cursors.markDelivered("bob", GENERAL, message.seq()));
        await(cursors.readAck("carol", List.of(message.messageId())));

        List<DeliveryStatus> delivery = cursors.delivery(message.messageId());

        assertThat(delivery).extracting(DeliveryStatus::recipient, DeliveryStatus::status)
                .containsExactly(tuple("bob", State.DELIVERED), tuple("carol", State.READ), tuple("dave", State.QUEUED));
        assertThat(delivery.get(0).deliveredAt()).isNotNull();
        assertThat(delivery.get(0).readAt()).isNull();
        assertThat(delivery.get(1).readAt()).isNotNull();
        assertThat(delivery.get(2).deliveredAt()).isNull();
        assertThat(State.READ.wireName()).isEqualTo("read");
        assertThatThrownBy(() -> cursors.delivery("ty-000000000000")).isInstanceOf(StoreException.MessageNotFound.class);
    }

    @Test
    void a_targeted_message_is_pending_unread_tracked_and_readable_for_its_target_and_sender_only() {
        StoredMessage request = await(store.messages().append(
                NewMessage.text(GENERAL, "alice", "bob, do X").to("bob"))).message();

        assertThat(cursors.pending("bob", PendingPosition.START, 10)).containsExactly(request);
        assertThat(cursors.pendingCount("carol")).isZero();
        assertThat(cursors.unread("carol")).isEmpty();
        assertThat(cursors.unread("bob")).containsExactly(new UnreadCount(GENERAL, "general", 1));
        assertThat(cursors.delivery(request.messageId())).extracting(DeliveryStatus::recipient).containsExactly("bob");
        assertThat(await(cursors.readAck("carol", List.of(request.messageId()))).isEmpty()).isTrue();
        assertThat(store.messages().history(GENERAL, Reader.named("bob"), null, null)).containsExactly(request);
        assertThat(store.messages().history(GENERAL, Reader.named("alice"), null, null)).containsExactly(request);
        assertThat(store.messages().history(GENERAL, Reader.named("carol"), null, null)).isEmpty();
        assertThat(store.messages().history(GENERAL, Reader.ANONYMOUS, null, null)).isEmpty();
        assertThat(store.messages().after(GENERAL, 0, Reader.named("carol"), 10)).isEmpty();

        StoredMessage broadcast = send(store, GENERAL, "alice", "all");
        await(cursors.markDelivered("carol", GENERAL, broadcast.seq()));
        assertThat(cursors.pendingCount("carol")).isZero();
    }

    @Test
    void the_queued_total_is_the_sum_of_every_participants_pending_count() {
        String team = await(store.channels().create("team", "alice", null)).channel().channelId();
        await(store.channels().join(team, "bob"));
        List<StoredMessage> general = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            general.add(send(store, GENERAL, i % 2 == 0 ? "alice" : "bob", "g" + i));
        }
        await(store.messages().append(NewMessage.text(GENERAL, "alice", "for bob").to("bob")));
        await(store.messages().append(NewMessage.text(GENERAL, "alice", "note to self").to("alice")));
        send(store, team, "alice", "t1");
        await(store.messages().delete(send(store, team, "alice", "oops").messageId(), "alice"));
        register(store, "dave");
        send(store, GENERAL, "carol", "after dave");
        await(cursors.ack("carol", List.of(general.get(3).messageId())));
        await(cursors.readAck("bob", List.of(general.get(4).messageId())));
        await(cursors.markDelivered("alice", GENERAL, 2));

        long sum = store.participants().list().stream().mapToLong(p -> cursors.pendingCount(p.name())).sum();

        assertThat(sum).isPositive();
        assertThat(store.counts().queued()).isEqualTo(sum);
    }

    @Test
    void counts_report_participants_channels_messages_and_everything_queued() {
        send(store, GENERAL, "alice", "1");
        send(store, GENERAL, "alice", "2");
        await(cursors.markDelivered("bob", GENERAL, 1));

        assertThat(store.counts()).isEqualTo(new HubCounts(3, 1, 2, 3));
    }
}
