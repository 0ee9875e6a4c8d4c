package dev.parley.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Files in the hub's database ({@code attachments}, {@code attachment_blobs}): each distinct content once, by its
 * sha256, and one attachment row per upload. An upload is one write task — the blob (unless those bytes are already
 * there), the attachment row and the {@code file_ref} message that announces it commit together or not at all, so
 * there is never a file without its message (and so without a read rule) or a message naming a missing file.
 *
 * <p>Who may read an attachment is the rule of its message, which the hub applies ({@code ReadRule}); the SQL lives
 * here alone. Thread-safe, as the store is.
 */
public final class Attachments {
    private static final String COLUMNS = "attachment_id, sha256, name, declared_type, served_type, size, uploader, "
            + "channel_id, message_id, created_at";

    /**
     * What an uploader posts.
     *
     * @param servedType the content type the hub will answer with (the hub's safe choice, not the uploader's)
     */
    public record Upload(String channelId, String uploader, String name, String declaredType, String servedType,
                         AttachmentContent content) {
        public Upload {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(uploader, "uploader");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(declaredType, "declaredType");
            Objects.requireNonNull(servedType, "servedType");
            Objects.requireNonNull(content, "content");
        }
    }

    /** What an upload stored: the attachment, and what appending its message did. */
    public record Posted(Attachment attachment, Appended appended) {}

    private final WriteQueue writes;
    private final ReaderPool reads;
    private final SqliteMessages messages;

    Attachments(WriteQueue writes, ReaderPool reads, SqliteMessages messages) {
        this.writes = writes;
        this.reads = reads;
        this.messages = messages;
    }

    /**
     * Stores an upload and posts the message {@code announce} makes of it (a {@code file_ref} naming the attachment),
     * as a post: a first one joins the channel, the loop guard counts it. When the loop guard trips instead, the file
     * is not kept (the guard's notice is, as for any post) and the answer says so.
     */
    public CompletableFuture<Posted> post(Upload upload, Function<Attachment, NewMessage> announce) {
        AttachmentContent content = upload.content();
        return writes.submit(sql -> {
            String now = Timestamps.format(java.time.Instant.now());
            sql.update("INSERT INTO attachment_blobs(sha256, size, data, created_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT(sha256) DO NOTHING", content.sha256(), content.size(), content.bytes(), now);
            Attachment draft = new Attachment(Ids.attachmentId(), content.sha256(), upload.name(),
                    upload.declaredType(), upload.servedType(), content.size(), upload.uploader(), upload.channelId(),
                    null, Timestamps.parse(now));
            Appended appended = messages.postIn(sql, announce.apply(draft));
            if (appended.loopGuardTripped()) {
                sql.update("DELETE FROM attachment_blobs WHERE sha256 = ? AND NOT EXISTS "
                        + "(SELECT 1 FROM attachments WHERE sha256 = ?)", content.sha256(), content.sha256());
                return new Posted(draft, appended);
            }
            Attachment stored = new Attachment(draft.attachmentId(), draft.sha256(), draft.name(),
                    draft.declaredType(), draft.servedType(), draft.size(), draft.uploader(), draft.channelId(),
                    appended.message().messageId(), draft.createdAt());
            sql.update("INSERT INTO attachments(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    stored.attachmentId(), stored.sha256(), stored.name(), stored.declaredType(), stored.servedType(),
                    stored.size(), stored.uploader(), stored.channelId(), stored.messageId(), now);
            return new Posted(stored, appended);
        }, WriteQueue.SMALL_TASK_BYTES + content.size(), null);
    }

    /**
     * Inside a write task: deletes the files a message announced, and each blob no other upload
     * still holds (the same bytes posted again elsewhere keep theirs).
     */
    static void deleteFilesOf(Sql sql, String messageId) throws SQLException {
        List<String> blobs = sql.list("SELECT sha256 FROM attachments WHERE message_id = ?", row -> row.getString(1),
                messageId);
        sql.update("DELETE FROM attachments WHERE message_id = ?", messageId);
        for (String sha256 : blobs) {
            sql.update("DELETE FROM attachment_blobs WHERE sha256 = ?1 AND NOT EXISTS "
                    + "(SELECT 1 FROM attachments WHERE sha256 = ?1)", sha256);
        }
    }

    /** The attachment with this id, if there is one (who may read it is the caller's to check, by its message). */
    public Optional<Attachment> find(String attachmentId) {
        return reads.read(sql -> sql.one("SELECT " + COLUMNS + " FROM attachments WHERE attachment_id = ?",
                Attachments::map, attachmentId));
    }

    /** The bytes of a blob. */
    public Optional<byte[]> content(String sha256) {
        return reads.read(sql -> sql.one("SELECT data FROM attachment_blobs WHERE sha256 = ?",
                row -> row.getBytes(1), sha256));
    }

    /** How many distinct contents are stored (equal bytes count once). */
    public long blobCount() {
        return reads.read(sql -> sql.number("SELECT count(*) FROM attachment_blobs"));
    }

    private static Attachment map(ResultSet row) throws SQLException {
        return new Attachment(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getLong(6), row.getString(7), row.getString(8), row.getString(9),
                Timestamps.parse(row.getString(10)));
    }
}
