-- Questions for a human (issue 12, ask_human): an agent asks, a person answers, the answer is kept with the
-- question. The question is a message (message_type 'action'); its row here holds what only the hub decides:
-- the choices, until when it may be answered, and the one answer (answered_by is NULL while it is open).
CREATE TABLE questions(
    question_id  TEXT PRIMARY KEY REFERENCES messages(message_id),
    channel_id   TEXT NOT NULL REFERENCES channels(channel_id),
    asked_by     TEXT NOT NULL REFERENCES participants(name),
    question     TEXT NOT NULL,
    options      TEXT NOT NULL DEFAULT '[]',  -- a JSON array of strings; empty: a free-text answer
    asked_at     TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    answered_by  TEXT REFERENCES participants(name),
    answer       TEXT,
    answered_at  TEXT,
    answer_id    TEXT                         -- the message that announced the answer
);
CREATE INDEX questions_open ON questions(expires_at) WHERE answered_by IS NULL;
