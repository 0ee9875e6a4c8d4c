package dev.parley.store;

import static dev.parley.store.TestStore.await;
import static dev.parley.store.TestStore.register;
import static dev.parley.store.TestStore.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.store.StoreEvent.ChannelCreated;
import dev.parley.store.StoreEvent.MemberJoined;
import dev.parley.store.StoreEvent.MessageDeleted;
import dev.parley.store.StoreEvent.MessageEdited;
import dev.parley.store.StoreEvent.MessagePosted;
import dev.parley.store.StoreEvent.MessagesRead;
import dev.parley.store.StoreEvent.ParticipantRegistered;
import dev.parley.store.StoreEvent.ReactionChanged;
import dev.parley.store.StoreEvent.ReadUpTo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's one event stream: every committed change as a typed event, in commit order; failed writes leave none. */
class StoreEventsTest {
    private static final String GENERAL = Vocabulary.GENERAL_ID;

    @TempDir
    Path dir;

    private HubStore store;
    private final List<Object> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        store = TestStore.open(dir);
        store.subscribe(new StoreEventListener() {
            @Override
            public void on(StoreEvent event) {
                heard.add(event);
            }

            @Override
            public void commitEnded() {
                heard.add("commit");
            }
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<StoreEvent> events() {
        return heard.stream().filter(StoreEvent.class::isInstance).map(StoreEvent.class::cast).toList();
    }

    @Test
    void each_change_is_one_typed_event_in_the_order_it_was_made() {
        register(store, "alice", "bob");
        StoredMessage hello = send(store, GENERAL, "alice", "hello");
        ChannelCreation ops = await(store.channels().create("ops", "alice", "runbooks"));
        await(store.channels().join("ops", "bob"));
        await(store.messages().edit(hello.messageId(), "alice", "hello, all"));
        await(store.messages().react(hello.messageId(), "bob", "👍", true));
        await(store.messages().react(hello.messageId(), "bob", "👍", true)); // no change: no event
        await(store.cursors().readAck("bob", List.of(hello.messageId())));
        await(store.cursors().readAck("bob", List.of(hello.messageId()))); // already read: no event
        StoredMessage second = send(store, GENERAL, "alice", "second");
        await(store.cursors().markRead("bob", GENERAL, second.seq()));
        await(store.messages().delete(second.messageId(), "alice"));
        Channel dm = await(store.channels().dm("alice", "bob"));
        await(store.channels().dm("alice", "bob")); // exists: no event

        List<StoreEvent> events = events();
        assertThat(events).hasSize(18);
        assertThat(events.subList(0, 4)).containsExactly(new ParticipantRegistered("alice"),
                new MemberJoined(GENERAL, "alice"), new ParticipantRegistered("bob"), new MemberJoined(GENERAL, "bob"));
        assertThat(events.get(4)).isEqualTo(new MessagePosted(hello));
        assertThat(events.get(5)).isInstanceOfSatisfying(ChannelCreated.class,
                created -> assertThat(created.channel().channelId()).isEqualTo(ops.channel().channelId()));
        assertThat(events.subList(6, 8)).containsExactly(new MemberJoined(ops.channel().channelId(), "alice"),
                new MemberJoined(ops.channel().channelId(), "bob"));
        assertThat(events.get(8)).isInstanceOfSatisfying(MessageEdited.class,
                edited -> assertThat(edited.message().body()).isEqualTo("hello, all"));
        assertThat(events.get(9)).isInstanceOfSatisfying(ReactionChanged.class, reaction -> {
            assertThat(reaction.message().messageId()).isEqualTo(hello.messageId());
            assertThat(reaction).extracting(ReactionChanged::participant, ReactionChanged::emoji, ReactionChanged::added)
                    .containsExactly("bob", "👍", true);
        });
        assertThat(events.get(10)).isInstanceOfSatisfying(MessagesRead.class, read -> {
            assertThat(read.receipts().reader()).isEqualTo("bob");
            assertThat(read.receipts().bySender()).containsEntry("alice", List.of(hello.messageId()));
        });
        assertThat(events.get(11)).isEqualTo(new MessagePosted(second));
        assertThat(events.get(12)).isEqualTo(new ReadUpTo("bob", GENERAL, second.seq()));
        assertThat(events.get(13)).isInstanceOfSatisfying(MessagesRead.class, read -> // a cursor move has receipts
                assertThat(read.receipts().bySender()).containsExactly(java.util.Map.entry("alice",
                        List.of(second.messageId()))));
        assertThat(events.get(14)).isInstanceOfSatisfying(MessageDeleted.class,
                deleted -> assertThat(deleted.tombstone().deleted()).isTrue());
        assertThat(events.get(15)).isInstanceOfSatisfying(ChannelCreated.class,
                created -> assertThat(created.channel().channelId()).isEqualTo(dm.channelId()));
        assertThat(events.subList(16, 18)).containsExactly(new MemberJoined(dm.channelId(), "alice"),
                new MemberJoined(dm.channelId(), "bob"));
    }

    @Test
    void marking_read_sends_receipts_for_what_became_read_only_newest_first_capped() {
        register(store, "alice", "bob", "carol");
        StoredMessage early = send(store, GENERAL, "alice", "early");
        StoredMessage acked = send(store, GENERAL, "carol", "acked one by one");
        await(store.cursors().readAck("bob", List.of(acked.messageId())));
        send(store, GENERAL, "bob", "bob's own");
        await(store.messages().append(NewMessage.text(GENERAL, "alice", "for carol").to("carol")));
        StoredMessage gone = send(store, GENERAL, "carol", "deleted");
        await(store.messages().delete(gone.messageId(), "carol"));
        StoredMessage last = send(store, GENERAL, "carol", "last");
        heard.clear();

        await(store.cursors().markRead("bob", GENERAL, last.seq()));
        await(store.cursors().markRead("bob", GENERAL, last.seq())); // nothing moves: no second receipt

        List<MessagesRead> receipts = events().stream().filter(MessagesRead.class::isInstance)
                .map(MessagesRead.class::cast).toList();
        assertThat(receipts).singleElement().satisfies(read -> {
            assertThat(read.receipts().reader()).isEqualTo("bob");
            assertThat(read.receipts().bySender()).containsOnly(java.util.Map.entry("alice", List.of(early.messageId())),
                    java.util.Map.entry("carol", List.of(last.messageId())));
        });

        List<String> many = new ArrayList<>();
        for (int i = 0; i < CursorMoves.RECEIPT_LIMIT + 20; i++) {
            many.add(send(store, GENERAL, "alice", "m" + i).messageId());
        }
        heard.clear();
        await(store.cursors().markRead("bob", GENERAL, Long.MAX_VALUE));
        assertThat(events()).filteredOn(MessagesRead.class::isInstance).singleElement()
                .satisfies(read -> assertThat(((MessagesRead) read).receipts().bySender().get("alice"))
                        .containsExactlyElementsOf(many.subList(20, many.size())));
    }

    @Test
    void a_first_post_is_a_join_then_the_message_in_one_task() {
        register(store, "alice", "bob");
        Channel ops = await(store.channels().create("ops", "alice", "")).channel();
        heard.clear();

        Appended posted = await(store.messages().appendJoining(NewMessage.text(ops.channelId(), "bob", "hi")));

        assertThat(events()).containsExactly(new MemberJoined(ops.channelId(), "bob"),
                new MessagePosted(posted.message()));
        // One task, so one commit: no commit's end between the two. (A commit ends after its futures completed, so
        // the create's end may still come first, and this one's after the await.)
        int joined = heard.indexOf(new MemberJoined(ops.channelId(), "bob"));
        assertThat(heard.get(joined + 1)).isEqualTo(new MessagePosted(posted.message()));
    }

    @Test
    void a_failed_write_leaves_no_event_and_the_rest_of_its_batch_still_does() {
        register(store, "alice", "bob");
        StoredMessage hello = send(store, GENERAL, "alice", "hello");
        Channel dm = await(store.channels().dm("alice", "bob"));
        register(store, "carol");
        heard.clear();

        // Queued together, so they likely share a transaction: the failures roll back to their own savepoints.
        List<CompletableFuture<?>> writes = new ArrayList<>();
        writes.add(store.messages().edit(hello.messageId(), "bob", "hijacked")); // not bob's
        writes.add(store.messages().appendJoining(NewMessage.text(dm.channelId(), "carol", "let me in"))); // a DM
        writes.add(store.messages().append(NewMessage.text(GENERAL, "bob", "fine")));
        assertThatThrownBy(() -> await(writes.get(0))).isInstanceOf(StoreException.NotAllowed.class);
        assertThatThrownBy(() -> await(writes.get(1))).isInstanceOf(StoreException.NotAllowed.class);
        Appended fine = (Appended) await(writes.get(2));

        assertThat(events()).containsExactly(new MessagePosted(fine.message()));
        assertThat(store.messages().find(hello.messageId()).orElseThrow().body()).isEqualTo("hello");
    }

    @Test
    void a_resend_is_no_event_and_a_failing_listener_does_not_silence_the_others() {
        register(store, "alice");
        heard.clear();
        store.subscribe(event -> {
            throw new IllegalStateException("a broken listener");
        });
        List<StoreEvent> later = new CopyOnWriteArrayList<>();
        store.subscribe(later::add);
        NewMessage once = new NewMessage(GENERAL, "alice", "once", "text", "normal", null, null, null, "c-1");

        Appended first = await(store.messages().append(once));
        Appended again = await(store.messages().append(once));

        assertThat(again.duplicate()).isTrue();
        assertThat(later).containsExactly(new MessagePosted(first.message()));
        assertThat(events()).containsExactly(new MessagePosted(first.message()));
    }

    @Test
    void events_are_heard_before_the_write_future_completes() {
        register(store, "alice");
        StoredMessage seen = await(store.messages().append(NewMessage.text(GENERAL, "alice", "x"))
                .thenApply(appended -> {
                    assertThat(events()).last().isEqualTo(new MessagePosted(appended.message()));
                    return appended.message();
                }));
        assertThat(seen.body()).isEqualTo("x");
    }
}
