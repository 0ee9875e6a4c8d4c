-- Mentions (issue 12): "@name" in a body, for a registered participant, parsed once when the message is stored.
-- messages.mentions lists them (space-separated, for showing); message_mentions finds a participant's (unread
-- mentions, waiting for a mention) by their position in the channel.
ALTER TABLE messages ADD COLUMN mentions TEXT;
CREATE TABLE message_mentions(
    participant TEXT NOT NULL,
    channel_id  TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    message_id  TEXT NOT NULL,
    PRIMARY KEY (participant, channel_id, seq)
) WITHOUT ROWID;
