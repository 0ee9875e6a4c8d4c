-- Attachments (issue 13): files posted to a channel, kept in the hub's one database file so a backup (VACUUM INTO)
-- carries them. Content-addressed: attachment_blobs holds each distinct content once, keyed by its sha256; every
-- upload is a row in attachments naming its blob, so the same bytes posted twice are one blob and two attachments.
-- An attachment belongs to the file_ref message that announced it (same transaction): who may read that message
-- may read the file. declared_type is what the uploader said; served_type what the hub will ever answer with
-- (a small safe set, else application/octet-stream), decided once, at upload.
CREATE TABLE attachment_blobs(
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    data       BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE attachments(
    attachment_id TEXT PRIMARY KEY,
    sha256        TEXT NOT NULL REFERENCES attachment_blobs(sha256),
    name          TEXT NOT NULL,
    declared_type TEXT NOT NULL,
    served_type   TEXT NOT NULL,
    size          INTEGER NOT NULL,
    uploader      TEXT NOT NULL REFERENCES participants(name),
    channel_id    TEXT NOT NULL REFERENCES channels(channel_id),
    message_id    TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX attachments_by_blob ON attachments(sha256);
CREATE INDEX attachments_by_message ON attachments(message_id);
