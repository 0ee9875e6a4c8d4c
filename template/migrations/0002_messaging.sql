-- What messaging needs beyond the first schema: idempotent sends, edits and soft deletes, targeted
-- messages, reactions, participant keys, the exceptions to the per-member cursors, and search.
-- Plain statements only (no triggers): a simple splitter runs this file. The search index is kept
-- up to date by the hub's write code, in the same transaction as the message it indexes.

-- A salted hash of the participant's key (format owned by the auth code); NULL until claimed.
ALTER TABLE participants ADD COLUMN key_hash TEXT;

-- joined_seq: the channel's last_seq when the member joined; older messages were never theirs to
-- receive. delivered_at / read_at: when the cursor last moved.
ALTER TABLE members ADD COLUMN joined_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN delivered_at TEXT;
ALTER TABLE members ADD COLUMN read_at TEXT;
-- Replaces members_by_participant: a participant's channels in channel_id order, which is the
-- order pending messages are paged in. UNIQUE (it is: the primary key is the same pair) tells the
-- planner each channel appears once, so pending pages come out of the indexes without a sort.
CREATE UNIQUE INDEX members_by_participant_channel ON members(participant, channel_id);
DROP INDEX members_by_participant;

-- to_participant: a targeted message is delivered to that one member only (NULL: to everyone).
-- client_msg_id: the sender's idempotency key. search_rowid: the message's row in message_search
-- (the implicit rowid of messages may change on VACUUM; this one is ours).
ALTER TABLE messages ADD COLUMN to_participant TEXT;
ALTER TABLE messages ADD COLUMN client_msg_id TEXT;
ALTER TABLE messages ADD COLUMN edited_at TEXT;
ALTER TABLE messages ADD COLUMN deleted_at TEXT;
ALTER TABLE messages ADD COLUMN search_rowid INTEGER;
CREATE UNIQUE INDEX messages_by_client_msg_id ON messages(sender, client_msg_id) WHERE client_msg_id IS NOT NULL;
CREATE INDEX messages_by_time ON messages(channel_id, created_at);
CREATE INDEX messages_by_reply_to ON messages(reply_to) WHERE reply_to IS NOT NULL;

-- Messages a member acknowledged ahead of a cursor (an out-of-order read ack, a REST ack of a
-- single id). A row means "delivered"; is_read = 1 means "read" too. Rows at or below the cursor
-- they concern are absorbed into it and deleted, so the table stays small.
CREATE TABLE cursor_exceptions(
    channel_id   TEXT NOT NULL,
    participant  TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    is_read      INTEGER NOT NULL DEFAULT 0,
    delivered_at TEXT NOT NULL,
    read_at      TEXT,
    PRIMARY KEY (channel_id, participant, seq)
);

CREATE TABLE reactions(
    message_id  TEXT NOT NULL REFERENCES messages(message_id),
    participant TEXT NOT NULL,
    emoji       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (message_id, participant, emoji)
);

-- Full-text search over message bodies. Trigram tokens match any substring of 3+ characters
-- (case-insensitively), like the compatible hub's LIKE '%q%'. Contentless: bodies are not stored
-- twice; message_id is kept (contentless_unindexed) to join hits back to messages.
CREATE VIRTUAL TABLE message_search USING fts5(
    body, message_id UNINDEXED,
    tokenize = 'trigram', content = '', contentless_delete = 1, contentless_unindexed = 1
);

-- Index what a database from the first schema already holds.
UPDATE messages SET search_rowid = rowid;
INSERT INTO message_search(rowid, body, message_id) SELECT search_rowid, body, message_id FROM messages;
