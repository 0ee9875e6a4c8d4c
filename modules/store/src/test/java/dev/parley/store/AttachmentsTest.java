package dev.parley.store;

import static dev.parley.store.TestStore.await;
import static dev.parley.store.TestStore.count;
import static dev.parley.store.TestStore.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentsTest {
    @TempDir
    Path dir;

    private HubStore store;
    private String general;

    @BeforeEach
    void open() {
        store = TestStore.open(dir);
        register(store, "alice", "bob");
        general = await(store.channels().create("team", "alice", null)).channel().channelId();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void the_same_bytes_posted_twice_are_one_blob_and_two_attachments_each_with_its_message() throws Exception {
        byte[] bytes = "the same report".getBytes(StandardCharsets.UTF_8);
        Attachments.Posted first = post("alice", "a.txt", bytes);
        Attachments.Posted second = post("bob", "b.txt", bytes);

        assertThat(store.attachments().blobCount()).isEqualTo(1);
        assertThat(count(store, "SELECT count(*) FROM attachments")).isEqualTo(2);
        assertThat(first.attachment().attachmentId()).isNotEqualTo(second.attachment().attachmentId());
        assertThat(first.attachment().sha256()).isEqualTo(second.attachment().sha256())
                .isEqualTo(java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
        Attachment stored = store.attachments().find(second.attachment().attachmentId()).orElseThrow();
        assertThat(stored.name()).isEqualTo("b.txt");
        assertThat(stored.uploader()).isEqualTo("bob");
        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(stored.declaredType()).isEqualTo("text/plain");
        assertThat(stored.servedType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(stored.messageId()).isEqualTo(second.appended().message().messageId());
        assertThat(store.messages().find(stored.messageId()).orElseThrow().messageType()).isEqualTo("file_ref");
        assertThat(store.attachments().content(stored.sha256()).orElseThrow()).isEqualTo(bytes);

        post("alice", "c.txt", "other bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(store.attachments().blobCount()).isEqualTo(2);
    }

    @Test
    void deleting_a_file_message_deletes_its_file_and_keeps_a_blob_another_upload_still_holds() {
        byte[] shared = "posted twice".getBytes(StandardCharsets.UTF_8);
        Attachments.Posted first = post("alice", "first.txt", shared);
        Attachments.Posted second = post("bob", "second.txt", shared);
        Attachments.Posted alone = post("alice", "alone.txt", "only once".getBytes(StandardCharsets.UTF_8));

        StoredMessage tombstone = await(store.messages().delete(first.appended().message().messageId(), "alice"));

        assertThat(store.attachments().find(first.attachment().attachmentId())).as("the deleted message's file").isEmpty();
        assertThat(tombstone.metadata()).as("the tombstone names no file any more").isNull();
        assertThat(store.attachments().content(second.attachment().sha256())).as("bob's upload of the same bytes")
                .hasValue(shared);
        assertThat(store.attachments().blobCount()).isEqualTo(2);

        await(store.messages().delete(alone.appended().message().messageId(), "alice"));
        assertThat(store.attachments().content(alone.attachment().sha256())).as("bytes nobody holds any more").isEmpty();
        assertThat(store.attachments().blobCount()).isEqualTo(1);
        assertThat(count(store, "SELECT count(*) FROM attachments")).isEqualTo(1);
    }

    @Test
    void deleting_a_channel_deletes_its_files_and_keeps_a_blob_another_channel_still_holds() {
        byte[] shared = "posted in both".getBytes(StandardCharsets.UTF_8);
        post("alice", "only-here.txt", "only in team".getBytes(StandardCharsets.UTF_8));
        post("alice", "both.txt", shared);
        String team = general;
        general = Vocabulary.GENERAL_ID;
        Attachments.Posted kept = post("bob", "both-again.txt", shared);

        await(store.channels().delete(team));

        assertThat(count(store, "SELECT count(*) FROM attachments")).isEqualTo(1);
        assertThat(store.attachments().blobCount()).isEqualTo(1);
        assertThat(store.attachments().content(kept.attachment().sha256())).hasValue(shared);
    }

    @Test
    void an_upload_over_the_limit_stops_at_the_first_byte_past_it_and_a_stream_is_never_read_further() {
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                served.addAndGet(len);
                return len;
            }
        };
        assertThatThrownBy(() -> AttachmentContent.read(endless, 1000))
                .isInstanceOf(StoreException.TooLarge.class).hasMessageContaining("at most 1000 bytes");
        assertThat(served.get()).isEqualTo(1001);

        assertThat(readAll(new byte[1000], 1000).size()).isEqualTo(1000);
        assertThatThrownBy(() -> AttachmentContent.of(new byte[1001], 1000))
                .isInstanceOf(StoreException.TooLarge.class);
    }

    @Test
    void a_message_that_cannot_be_stored_leaves_no_blob_and_no_attachment_behind() {
        AttachmentContent content = AttachmentContent.of("orphan?".getBytes(StandardCharsets.UTF_8), 100);
        Attachments.Upload upload = new Attachments.Upload(general, "alice", "x.txt", "text/plain",
                "text/plain; charset=utf-8", content);
        assertThatThrownBy(() -> await(store.attachments().post(upload,
                attachment -> NewMessage.text(general, "alice", "for a stranger").to("nobody-here"))))
                .isInstanceOf(StoreException.NotAllowed.class);
        assertThat(store.attachments().blobCount()).isZero();
        assertThat(count(store, "SELECT count(*) FROM attachments")).isZero();
    }

    @Test
    void a_backup_copy_made_with_vacuum_into_holds_the_blob() throws Exception {
        byte[] bytes = new byte[200_000];
        new java.util.Random(7).nextBytes(bytes);
        Attachment attachment = post("alice", "noise.bin", bytes).attachment();
        Path copy = dir.resolve("backup.db");
        try (Connection live = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db"));
             PreparedStatement vacuum = live.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, copy.toString());
            vacuum.execute();
        }
        try (Connection backup = DriverManager.getConnection("jdbc:sqlite:" + copy);
             PreparedStatement select = backup.prepareStatement("SELECT b.data FROM attachments a "
                     + "JOIN attachment_blobs b ON b.sha256 = a.sha256 WHERE a.attachment_id = ?")) {
            select.setString(1, attachment.attachmentId());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBytes(1)).isEqualTo(bytes);
            }
        }
    }

    private Attachments.Posted post(String uploader, String name, byte[] bytes) {
        Attachments.Upload upload = new Attachments.Upload(general, uploader, name, "text/plain",
                "text/plain; charset=utf-8", AttachmentContent.of(bytes, 1 << 20));
        return await(store.attachments().post(upload, attachment -> new NewMessage(general, uploader, name,
                "file_ref", null, null, "{\"attachment_id\":\"" + attachment.attachmentId() + "\"}", null, null)));
    }

    private static AttachmentContent readAll(byte[] bytes, long max) {
        try {
            return AttachmentContent.read(new ByteArrayInputStream(bytes), max);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
