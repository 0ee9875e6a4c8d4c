-- Display names may not copy another participant's name or display name (issue 8). The hub
-- compares them by a key (Vocabulary.nameKey: NFKC, trimmed, lower case), stored here so the check
-- is one indexed lookup; names are ASCII, so theirs is lower(name), indexed as an expression.
ALTER TABLE participants ADD COLUMN display_key TEXT;
-- Rows from before: SQLite cannot apply NFKC, so they get the trimmed, ASCII-lower-cased display
-- name (the same key for every ASCII display name); the next registration that sets a display name
-- stores the full key.
UPDATE participants SET display_key = lower(trim(display_name));
CREATE INDEX participants_by_display_key ON participants(display_key);
CREATE INDEX participants_by_name_key ON participants(lower(name));
