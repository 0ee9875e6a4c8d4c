package dev.parley.store;

import static dev.parley.store.TestStore.await;
import static dev.parley.store.TestStore.register;
import static dev.parley.store.TestStore.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditDeleteReactTest {
    private static final String GENERAL = Vocabulary.GENERAL_ID;

    @TempDir
    Path dir;

    private HubStore store;
    private Messages messages;
    private StoredMessage message;

    @BeforeEach
    void open() {
        store = TestStore.open(dir);
        messages = store.messages();
        register(store, "alice", "bob");
        message = send(store, GENERAL, "alice", "first draft");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void the_sender_edits_a_message_which_keeps_its_place_and_gains_edited_at() {
        StoredMessage edited = await(messages.edit(message.messageId(), "alice", "final text"));

        assertThat(edited.body()).isEqualTo("final text");
        assertThat(edited.editedAt()).isGreaterThan(message.createdAt());
        assertThat(edited).extracting(StoredMessage::seq, StoredMessage::createdAt)
                .containsExactly(message.seq(), message.createdAt());
        assertThat(messages.find(message.messageId())).contains(edited);
    }

    @Test
    void nobody_but_the_sender_edits_or_deletes_a_message() {
        assertThatThrownBy(() -> await(messages.edit(message.messageId(), "bob", "hijacked")))
                .isInstanceOf(StoreException.NotAllowed.class);
        assertThatThrownBy(() -> await(messages.delete(message.messageId(), "bob")))
                .isInstanceOf(StoreException.NotAllowed.class);
        assertThatThrownBy(() -> await(messages.edit("ty-000000000000", "alice", "x")))
                .isInstanceOf(StoreException.MessageNotFound.class);

        assertThat(messages.find(message.messageId())).contains(message);
    }

    @Test
    void a_deleted_message_becomes_an_empty_tombstone_out_of_history_and_pending() {
        StoredMessage tombstone = await(messages.delete(message.messageId(), "alice"));

        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.body()).isEmpty();
        assertThat(messages.find(message.messageId())).contains(tombstone);
        assertThat(messages.history(GENERAL, Reader.ANONYMOUS, null, null)).isEmpty();
        assertThat(messages.after(GENERAL, 0, Reader.ANONYMOUS, 10)).containsExactly(tombstone);
        assertThat(store.cursors().pendingCount("bob")).isZero();
        assertThat(store.cursors().unread("bob")).isEmpty();
        assertThatThrownBy(() -> await(messages.edit(message.messageId(), "alice", "back")))
                .isInstanceOf(StoreException.NotAllowed.class);
    }

    @Test
    void reactions_are_added_once_removed_and_listed_in_order() {
        assertThat(await(messages.react(message.messageId(), "bob", "👍", true)).changed()).isTrue();
        assertThat(await(messages.react(message.messageId(), "bob", "👍", true)).changed()).isFalse();
        assertThat(await(messages.react(message.messageId(), "alice", "🎉", true)).reactions())
                .extracting(Reaction::emoji).containsExactly("👍", "🎉");
        assertThat(messages.reactions(message.messageId())).extracting(Reaction::participant, Reaction::emoji)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", "👍"),
                        org.assertj.core.groups.Tuple.tuple("alice", "🎉"));

        assertThat(await(messages.react(message.messageId(), "bob", "👍", false)).changed()).isTrue();
        assertThat(await(messages.react(message.messageId(), "bob", "👍", false)).changed()).isFalse();
        assertThat(messages.reactions(message.messageId())).extracting(Reaction::emoji).containsExactly("🎉");
    }

    @Test
    void a_reaction_without_add_or_remove_toggles_inside_the_write() {
        ReactionChange first = await(messages.react(message.messageId(), "bob", "👀", null));
        assertThat(first.added()).isTrue();
        assertThat(first.changed()).isTrue();
        ReactionChange second = await(messages.react(message.messageId(), "bob", "👀", null));
        assertThat(second.added()).isFalse();
        assertThat(second.changed()).isTrue();
        assertThat(second.reactions()).isEmpty();
    }

    @Test
    void reacting_to_an_unknown_or_deleted_message_fails() {
        assertThatThrownBy(() -> await(messages.react("ty-000000000000", "bob", "👍", true)))
                .isInstanceOf(StoreException.MessageNotFound.class);
        await(messages.delete(message.messageId(), "alice"));
        assertThatThrownBy(() -> await(messages.react(message.messageId(), "bob", "👍", true)))
                .isInstanceOf(StoreException.NotAllowed.class);
    }

    @Test
    void a_thread_is_its_root_then_its_replies_in_order() {
        StoredMessage first = await(messages.append(NewMessage.text(GENERAL, "bob", "re 1")
                .replyingTo(message.messageId()))).message();
        send(store, GENERAL, "bob", "unrelated");
        StoredMessage second = await(messages.append(NewMessage.text(GENERAL, "alice", "re 2")
                .replyingTo(message.messageId()))).message();

        assertThat(messages.thread(message.messageId(), Reader.ANONYMOUS)).containsExactly(message, first, second);
        assertThatThrownBy(() -> messages.thread("ty-000000000000", Reader.ANONYMOUS))
                .isInstanceOf(StoreException.MessageNotFound.class);
    }

    @Test
    void a_reply_to_a_reply_stays_in_the_thread_of_the_root() {
        StoredMessage first = await(messages.append(NewMessage.text(GENERAL, "bob", "re 1")
                .replyingTo(message.messageId()))).message();
        StoredMessage nested = await(messages.append(NewMessage.text(GENERAL, "alice", "re re 1")
                .replyingTo(first.messageId()))).message();
        StoredMessage deeper = await(messages.append(NewMessage.text(GENERAL, "bob", "re re re 1")
                .replyingTo(nested.messageId()))).message();
        StoredMessage second = await(messages.append(NewMessage.text(GENERAL, "alice", "re 2")
                .replyingTo(message.messageId()))).message();

        assertThat(messages.thread(message.messageId(), Reader.ANONYMOUS))
                .as("the whole tree under the root, in the order it was written")
                .containsExactly(message, first, nested, deeper, second);
        assertThat(messages.thread(first.messageId(), Reader.ANONYMOUS)).containsExactly(first, nested, deeper);
    }

    @Test
    void a_thread_shows_each_reader_only_the_replies_it_may_read() {
        register(store, "carol");
        String dm = await(store.channels().dm("alice", "bob")).channelId();
        StoredMessage inDm = await(messages.append(NewMessage.text(dm, "bob", "private reply")
                .replyingTo(message.messageId()))).message();
        StoredMessage toCarol = await(messages.append(NewMessage.text(GENERAL, "bob", "for carol")
                .replyingTo(message.messageId()).to("carol"))).message();

        assertThat(messages.thread(message.messageId(), Reader.named("alice"))).containsExactly(message, inDm);
        assertThat(messages.thread(message.messageId(), Reader.named("bob"))).containsExactly(message, inDm, toCarol);
        assertThat(messages.thread(message.messageId(), Reader.named("carol"))).containsExactly(message, toCarol);
        assertThat(messages.thread(message.messageId(), Reader.ANONYMOUS)).containsExactly(message);
        assertThatThrownBy(() -> messages.thread(inDm.messageId(), Reader.named("carol")))
                .as("an unreadable root is as good as missing").isInstanceOf(StoreException.MessageNotFound.class);
        assertThat(messages.thread(inDm.messageId(), Reader.named("alice"))).containsExactly(inDm);
    }
}
