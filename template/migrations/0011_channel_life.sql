-- Channel life cycle (issue 13): an archived channel is read-only and left out of channel lists unless asked
-- for; archived_at is when it was archived (NULL: live). Leave, rename, topic and delete need no new columns.
ALTER TABLE channels ADD COLUMN archived_at TEXT;
