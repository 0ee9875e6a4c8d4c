package dev.parley.store;

import static dev.parley.store.TestStore.await;
import static dev.parley.store.TestStore.count;
import static dev.parley.store.TestStore.register;
import static dev.parley.store.TestStore.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendTest {
    @TempDir
    Path dir;

    private HubStore store;

    @BeforeEach
    void open() {
        store = TestStore.open(dir);
        register(store, "alice", "bob");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void a_first_post_joins_a_group_channel_in_the_same_task_and_a_refused_one_joins_nothing() {
        register(store, "carol");
        String team = await(store.channels().create("team", "alice", null)).channel().channelId();
        String members = "SELECT count(*) FROM members WHERE channel_id = ? AND participant = ?";

        Appended first = await(store.messages().appendJoining(NewMessage.text(team, "bob", "hello team")));
        assertThat(first.message().seq()).isEqualTo(1);
        assertThat(count(store, members, team, "bob")).isEqualTo(1);
        Appended again = await(store.messages().appendJoining(NewMessage.text(team, "bob", "a member now")));
        assertThat(again.message().seq()).isEqualTo(2);

        // Targeted at someone who is not in the channel: refused, and carol's join is rolled back with it.
        assertThatThrownBy(() -> await(store.messages().appendJoining(new NewMessage(team, "carol", "psst", "text",
                "normal", null, null, "nobody-here", null)))).isInstanceOf(StoreException.NotAllowed.class);
        assertThat(count(store, members, team, "carol")).isZero();
        assertThat(count(store, "SELECT count(*) FROM messages WHERE channel_id = ?", team)).isEqualTo(2);

        Channel dm = await(store.channels().dm("alice", "bob"));
        assertThatThrownBy(() -> await(store.messages().appendJoining(NewMessage.text(dm.channelId(), "carol", "hi"))))
                .isInstanceOf(StoreException.NotAllowed.class);
        assertThat(count(store, members, dm.channelId(), "carol")).isZero();
    }

    @Test
    void appends_from_many_threads_get_gapless_seqs_in_submission_order_per_thread() throws Exception {
        int threads = 8;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Appended>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String sender = "sender-" + t;
            results.add(pool.submit(() -> {
                List<CompletableFuture<Appended>> sent = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    sent.add(store.messages().append(NewMessage.text(Vocabulary.GENERAL_ID, sender, "m" + i)));
                }
                return sent.stream().map(TestStore::await).toList();
            }));
        }
        List<Long> allSeqs = new ArrayList<>();
        for (Future<List<Appended>> result : results) {
            List<Long> seqs = result.get().stream().map(appended -> appended.message().seq()).toList();
            assertThat(seqs).isSorted();
            allSeqs.addAll(seqs);
        }
        pool.shutdown();

        assertThat(allSeqs).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, threads * perThread).boxed().toList());
        List<StoredMessage> stored = new ArrayList<>();
        for (long after = 0; stored.size() < threads * perThread; after = stored.get(stored.size() - 1).seq()) {
            stored.addAll(store.messages().after(Vocabulary.GENERAL_ID, after, Reader.ANONYMOUS, 1_000));
        }
        assertThat(stored).extracting(StoredMessage::createdAt).isSortedAccordingTo(Comparator.naturalOrder())
                .doesNotHaveDuplicates();
        assertThat(store.channels().require("general").lastSeq()).isEqualTo(threads * perThread);
        assertThat(store.writeStats().maxBatchSize()).as("group commit batches concurrent appends").isGreaterThan(1);
    }

    @Test
    void a_resend_with_the_same_client_msg_id_returns_the_stored_message_and_stores_nothing() {
        NewMessage message = NewMessage.text(Vocabulary.GENERAL_ID, "alice", "hello").withClientMsgId("c-1");

        Appended first = await(store.messages().append(message));
        Appended again = await(store.messages().append(message.replyingTo("something else")));

        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(first.message());
        assertThat(first.message().clientMsgId()).isEqualTo("c-1");
        assertThat(count(store, "SELECT count(*) FROM messages")).isEqualTo(1);
        assertThat(store.channels().require("general").lastSeq()).isEqualTo(1);
    }

    @Test
    void the_same_client_msg_id_from_another_sender_is_another_message() {
        Appended fromAlice = await(store.messages().append(
                NewMessage.text(Vocabulary.GENERAL_ID, "alice", "hi").withClientMsgId("c-1")));
        Appended fromBob = await(store.messages().append(
                NewMessage.text(Vocabulary.GENERAL_ID, "bob", "hi").withClientMsgId("c-1")));

        assertThat(fromBob.duplicate()).isFalse();
        assertThat(fromBob.message().messageId()).isNotEqualTo(fromAlice.message().messageId());
    }

    @Test
    void a_stored_message_carries_every_field_it_was_sent_with() {
        StoredMessage root = send(store, Vocabulary.GENERAL_ID, "alice", "root");
        NewMessage message = new NewMessage(Vocabulary.GENERAL_ID, "alice", "body", "code", "urgent",
                root.messageId(), "{\"k\":[1,2]}", "bob", "c-9");

        StoredMessage stored = await(store.messages().append(message)).message();

        assertThat(stored.messageId()).matches("ty-[0-9a-f]{12}");
        assertThat(stored.createdAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
        assertThat(stored).extracting(StoredMessage::channelName, StoredMessage::seq, StoredMessage::messageType,
                        StoredMessage::priority, StoredMessage::replyTo, StoredMessage::metadata, StoredMessage::to)
                .containsExactly("general", 2L, "code", "urgent", root.messageId(), "{\"k\":[1,2]}", "bob");
        assertThat(store.messages().find(stored.messageId())).contains(stored);
    }

    @Test
    void unknown_types_and_priorities_become_text_and_normal() {
        NewMessage message = new NewMessage(Vocabulary.GENERAL_ID, "alice", "b", "shout", "asap", null, null, null, null);

        assertThat(message.messageType()).isEqualTo("text");
        assertThat(message.priority()).isEqualTo("normal");
    }

    @Test
    void appending_to_an_unknown_channel_fails_and_uses_up_no_seq() {
        assertThatThrownBy(() -> send(store, "ch-000000000000", "alice", "hi"))
                .isInstanceOf(StoreException.ChannelNotFound.class);

        assertThat(send(store, Vocabulary.GENERAL_ID, "alice", "hi").seq()).isEqualTo(1);
    }

    @Test
    void a_message_targeted_at_a_non_member_is_refused() {
        ChannelCreation team = await(store.channels().create("team", "alice", null));

        assertThatThrownBy(() -> await(store.messages().append(
                NewMessage.text(team.channel().channelId(), "alice", "psst").to("bob"))))
                .isInstanceOf(StoreException.NotAllowed.class).hasMessageContaining("bob");
        assertThat(store.channels().require("team").lastSeq()).isZero();
    }

    @Test
    void an_append_writes_the_same_rows_whether_the_channel_has_2_or_2000_members() {
        String pair = await(store.channels().dm("alice", "bob")).channelId();
        List<CompletableFuture<Boolean>> joins = IntStream.range(0, 2_000)
                .mapToObj(i -> store.participants().register(Registration.of("member-" + i))).toList();
        joins.forEach(TestStore::await);
        assertThat(store.channels().members(Vocabulary.GENERAL_ID)).hasSize(2_002);
        String membersBefore = membersFingerprint();

        long changesInSmallChannel = changesMadeBy(() -> send(store, pair, "alice", "to two"));
        long changesInLargeChannel = changesMadeBy(() -> send(store, Vocabulary.GENERAL_ID, "alice", "to 2002"));

        // A handful of rows (the channel's counter, the message, the search index's own tables),
        // the same handful whatever the channel's size.
        assertThat(changesInLargeChannel).isEqualTo(changesInSmallChannel).isLessThan(20);
        assertThat(membersFingerprint()).isEqualTo(membersBefore);
        assertThat(count(store, "SELECT count(*) FROM messages WHERE channel_id = ?", Vocabulary.GENERAL_ID))
                .isEqualTo(1);
        assertThat(count(store, "SELECT count(*) FROM cursor_exceptions")).isZero();
        assertThat(store.cursors().pendingCount("member-7")).isEqualTo(1);
    }

    /** Rows changed on the write connection while running an append (sqlite's total_changes()). */
    private long changesMadeBy(Runnable append) {
        long before = await(store.writes().submit(sql -> sql.number("SELECT total_changes()")));
        append.run();
        long after = await(store.writes().submit(sql -> sql.number("SELECT total_changes()")));
        return after - before;
    }

    private String membersFingerprint() {
        return store.read(sql -> sql.one("SELECT count(*) || ':' || total(delivered_seq) || ':' || total(read_seq) "
                + "|| ':' || max(coalesce(delivered_at, '')) || ':' || max(coalesce(read_at, '')) FROM members",
                row -> row.getString(1)).orElseThrow());
    }
}
