package dev.parley.store;

import static dev.parley.store.TestStore.await;
import static dev.parley.store.TestStore.count;
import static dev.parley.store.TestStore.register;
import static dev.parley.store.TestStore.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelLifeTest {
    @TempDir
    Path dir;

    private HubStore store;
    private final List<StoreEvent> events = new CopyOnWriteArrayList<>();
    private String ops;

    @BeforeEach
    void open() {
        store = TestStore.open(dir);
        store.subscribe(events::add);
        register(store, "alice", "bob");
        ops = await(store.channels().create("ops", "alice", "runbooks")).channel().channelId();
        await(store.channels().join(ops, "bob"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void a_member_leaves_and_is_told_apart_by_an_event() {
        await(store.channels().leave("ops", "bob"));

        assertThat(store.channels().members(ops)).containsExactly("alice");
        assertThat(events).contains(new StoreEvent.MemberLeft(ops, "bob"));
        assertThatThrownBy(() -> await(store.channels().leave(ops, "bob")))
                .isInstanceOf(StoreException.NotAllowed.class);
    }

    @Test
    void general_cannot_be_left_renamed_archived_or_deleted_and_a_dm_cannot_be_left() {
        Channel dm = await(store.channels().dm("alice", "bob"));

        for (Runnable change : List.<Runnable>of(
                () -> await(store.channels().leave(Vocabulary.GENERAL_ID, "alice")),
                () -> await(store.channels().rename(Vocabulary.GENERAL_ID, "lobby")),
                () -> await(store.channels().setArchived(Vocabulary.GENERAL_ID, true)),
                () -> await(store.channels().delete(Vocabulary.GENERAL_ID)),
                () -> await(store.channels().leave(dm.channelId(), "alice")))) {
            assertThatThrownBy(change::run).isInstanceOf(StoreException.NotAllowed.class);
        }
        assertThat(store.channels().members(dm.channelId())).containsExactly("alice", "bob");
    }

    @Test
    void rename_follows_the_create_rules_and_refuses_a_name_in_use() {
        await(store.channels().create("dev", "alice", ""));

        Channel renamed = await(store.channels().rename(ops, " Ops Room "));

        assertThat(renamed.name()).isEqualTo("ops-room");
        assertThat(store.channels().require("ops-room").channelId()).isEqualTo(ops);
        assertThat(events).contains(new StoreEvent.ChannelChanged(renamed, StoreEvent.ChannelChanged.Change.RENAMED));
        assertThatThrownBy(() -> await(store.channels().rename(ops, "dev")))
                .isInstanceOf(StoreException.Invalid.class).hasMessageContaining("exists already");
    }

    @Test
    void a_topic_is_set_and_setting_the_same_again_changes_nothing() {
        Channel set = await(store.channels().setTopic(ops, "incidents only"));
        int before = events.size();
        await(store.channels().setTopic(ops, "incidents only"));

        assertThat(set.topic()).isEqualTo("incidents only");
        assertThat(events).hasSize(before);
    }

    @Test
    void an_archived_channel_is_left_out_of_lists_unless_asked_for_and_comes_back_when_unarchived() {
        Channel archived = await(store.channels().setArchived(ops, true));

        assertThat(archived.archived()).isTrue();
        assertThat(store.channels().page(Reader.named("bob"), null, 50)).extracting(Channel::name)
                .doesNotContain("ops");
        assertThat(store.channels().page(Reader.named("bob"), null, 50, true)).extracting(Channel::name)
                .contains("ops");

        assertThat(await(store.channels().setArchived(ops, false)).archived()).isFalse();
        assertThat(store.channels().page(Reader.named("bob"), null, 50)).extracting(Channel::name).contains("ops");
    }

    @Test
    void a_post_to_an_archived_channel_is_refused_inside_the_write_that_would_store_it() {
        await(store.channels().setArchived(ops, true));
        long before = count(store, "SELECT count(*) FROM messages");

        // The store itself refuses: a post that passed the hub's check just before the archive committed
        // cannot land after it.
        assertThatThrownBy(() -> send(store, ops, "alice", "too late"))
                .isInstanceOf(StoreException.ChannelArchived.class).hasMessageContaining("ops");
        assertThat(count(store, "SELECT count(*) FROM messages")).isEqualTo(before);

        await(store.channels().setArchived(ops, false));
        assertThat(send(store, ops, "alice", "back again").body()).isEqualTo("back again");
    }

    @Test
    void delete_removes_the_channel_its_messages_and_their_traces_in_one_go() {
        StoredMessage first = send(store, ops, "alice", "hello @bob");
        await(store.messages().react(first.messageId(), "bob", "👍", true));
        StoredMessage elsewhere = await(store.messages().append(new NewMessage(Vocabulary.GENERAL_ID, "bob", "quoting",
                "text", "normal", first.messageId(), null, null, null))).message();

        Channel deleted = await(store.channels().delete("ops"));

        assertThat(deleted.channelId()).isEqualTo(ops);
        assertThat(store.channels().find(ops)).isEmpty();
        assertThat(count(store, "SELECT count(*) FROM messages WHERE channel_id = ?", ops)).isZero();
        assertThat(count(store, "SELECT count(*) FROM members WHERE channel_id = ?", ops)).isZero();
        assertThat(count(store, "SELECT count(*) FROM reactions WHERE message_id = ?", first.messageId())).isZero();
        assertThat(count(store, "SELECT count(*) FROM message_mentions WHERE channel_id = ?", ops)).isZero();
        assertThat(store.messages().search("hello", Reader.named("alice"), null, 10)).isEmpty();
        assertThat(store.messages().find(elsewhere.messageId())).hasValueSatisfying(m -> assertThat(m.replyTo()).isNull());
        assertThat(events).contains(new StoreEvent.ChannelDeleted(deleted, List.of("alice", "bob")));
    }
}
