-- The hub's runtime tables, created empty in the template and filled at run time.
-- Seed rows (the 'general' channel every participant joins) live here too, so a hub started on an
-- empty database and a hub installed from a template see the same initial state.

CREATE TABLE participants(
    name             TEXT PRIMARY KEY,
    display_name     TEXT NOT NULL,
    participant_type TEXT NOT NULL DEFAULT 'ai',
    hardware_id      TEXT,
    created_at       TEXT NOT NULL,
    last_seen_at     TEXT,
    host_ip          TEXT
);

CREATE TABLE channels(
    channel_id    TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    channel_type  TEXT NOT NULL DEFAULT 'group',
    created_by    TEXT,
    topic         TEXT NOT NULL DEFAULT '',
    is_private    INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    last_activity TEXT,
    last_seq      INTEGER NOT NULL DEFAULT 0   -- seq of the newest message in the channel
);

-- Membership carries the per-member cursors: everything with seq <= delivered_seq was delivered,
-- everything with seq <= read_seq was read. A send therefore writes one row, whatever the size
-- of the channel.
CREATE TABLE members(
    channel_id    TEXT NOT NULL REFERENCES channels(channel_id),
    participant   TEXT NOT NULL REFERENCES participants(name),
    joined_at     TEXT NOT NULL,
    delivered_seq INTEGER NOT NULL DEFAULT 0,
    read_seq      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (channel_id, participant)
);
CREATE INDEX members_by_participant ON members(participant);

CREATE TABLE messages(
    message_id   TEXT PRIMARY KEY,
    channel_id   TEXT NOT NULL REFERENCES channels(channel_id),
    seq          INTEGER NOT NULL,             -- per-channel order, 1, 2, 3, ...
    sender       TEXT NOT NULL,
    body         TEXT NOT NULL,
    message_type TEXT NOT NULL DEFAULT 'text',
    priority     TEXT NOT NULL DEFAULT 'normal',
    reply_to     TEXT,
    metadata     TEXT,                          -- a JSON object as text (never jsonb)
    created_at   TEXT NOT NULL,
    UNIQUE (channel_id, seq)
);

-- Hub-wide settings that must survive restarts (e.g. the hub token's hash).
CREATE TABLE hub_settings(
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO channels(channel_id, name, channel_type, created_by, topic, created_at)
VALUES ('ch-general', 'general', 'group', 'system', 'General discussion',
        strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.000000+00:00');
