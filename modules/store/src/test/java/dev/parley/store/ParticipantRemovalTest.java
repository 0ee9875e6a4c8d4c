package dev.parley.store;

import static dev.parley.store.TestStore.await;
import static dev.parley.store.TestStore.count;
import static dev.parley.store.TestStore.register;
import static dev.parley.store.TestStore.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub admin's {@code removeParticipant}, on a real database file a store wrote. */
class ParticipantRemovalTest {
    @TempDir
    Path dir;

    @Test
    void removing_a_participant_takes_its_traces_and_leaves_everyone_else_s_messages_whole() {
        String team;
        StoredMessage aliceSays;
        StoredMessage bobReplies;
        StoredMessage toAlice;
        String blob;
        try (HubStore store = TestStore.open(dir)) {
            register(store, "alice", "bob", "carol");
            team = await(store.channels().create("team", "alice", null)).channel().channelId();
            await(store.channels().join(team, "bob"));
            aliceSays = send(store, team, "alice", "hello @bob");
            bobReplies = await(store.messages().append(NewMessage.text(team, "bob", "hi @alice")
                    .replyingTo(aliceSays.messageId()))).message();
            toAlice = await(store.messages().append(NewMessage.text(team, "bob", "just for alice").to("alice"))).message();
            await(store.messages().react(bobReplies.messageId(), "alice", "👍", true));
            await(store.messages().react(bobReplies.messageId(), "carol", "🎉", true));
            String dm = await(store.channels().dm("alice", "bob")).channelId();
            send(store, dm, "bob", "private");
            Attachments.Upload upload = new Attachments.Upload(team, "alice", "a.txt", "text/plain",
                    "text/plain; charset=utf-8", AttachmentContent.of("alice's file".getBytes(StandardCharsets.UTF_8), 1 << 20));
            blob = await(store.attachments().post(upload, a -> new NewMessage(team, "alice", "a.txt", "file_ref", null,
                    null, "{\"attachment_id\":\"" + a.attachmentId() + "\"}", null, null))).attachment().sha256();
            await(store.profiles().set(new Profile("alice", "builds things", List.of("java"), "", "", null)));
        }

        ParticipantRemoval.Removed removed;
        try (AdminConnection admin = AdminConnection.open(dir.resolve("hub.db"))) {
            assertThat(admin.participants()).extracting(AdminConnection.Listed::name).contains("alice", "bob", "carol");
            removed = admin.removeParticipant("alice");
            assertThatThrownBy(() -> admin.removeParticipant("alice")).isInstanceOf(StoreException.ParticipantNotFound.class);
        }

        assertThat(removed.messages()).as("hello, the file, and the one targeted at her").isEqualTo(3);
        assertThat(removed.dms()).hasSize(1);
        try (HubStore store = TestStore.open(dir)) {
            assertThat(count(store, "SELECT count(*) FROM participants WHERE name = 'alice'")).isZero();
            assertThat(count(store, "SELECT count(*) FROM channels WHERE channel_type = 'dm'")).as("her DM, whole").isZero();
            assertThat(store.messages().find(aliceSays.messageId()).orElseThrow().deleted()).isTrue();
            assertThat(store.messages().find(toAlice.messageId()).orElseThrow().deleted()).isTrue();
            StoredMessage kept = store.messages().find(bobReplies.messageId()).orElseThrow();
            assertThat(kept.deleted()).isFalse();
            assertThat(kept.body()).isEqualTo("hi @alice");
            assertThat(count(store, "SELECT count(*) FROM reactions")).as("carol's reaction stays, alice's goes").isEqualTo(1);
            assertThat(store.attachments().content(blob)).isEmpty();
            assertThat(count(store, "SELECT count(*) FROM profiles")).isZero();
            assertThat(count(store, "SELECT count(*) FROM members WHERE participant = 'alice'")).isZero();
            assertThat(store.channels().find(team).orElseThrow().createdBy()).as("her channel stays, creatorless").isNull();
            assertThat(store.messages().search("hello", Reader.named("bob"), null, null)).isEmpty();
            assertThat(count(store, "SELECT count(*) FROM pragma_foreign_key_check")).isZero();

            register(store, "alice");
            assertThat(send(store, team, "alice", "I am back").seq()).as("seqs go on after the tombstones")
                    .isGreaterThan(toAlice.seq());
        }
    }
}
