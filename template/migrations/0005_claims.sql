-- Claims (leases, issue 12): "I have this" for a resource named by free text (a path, a glob, a ticket).
-- One row per live claim; a release or an expiry deletes it (the channel the claimant named keeps the story).
-- Conflicts (overlapping globs) are decided by the hub inside the write that grants, so two claims that
-- overlap can never both be live; expires_at is an ISO-8601 UTC instant, compared as text.
CREATE TABLE claims(
    claim_id              TEXT PRIMARY KEY,
    resource              TEXT NOT NULL,
    holder                TEXT NOT NULL REFERENCES participants(name),
    note                  TEXT NOT NULL DEFAULT '',
    channel_id            TEXT REFERENCES channels(channel_id),
    release_on_disconnect INTEGER NOT NULL DEFAULT 0,
    claimed_at            TEXT NOT NULL,
    renewed_at            TEXT NOT NULL,
    expires_at            TEXT NOT NULL
);
CREATE UNIQUE INDEX claims_by_holder_resource ON claims(holder, resource);
CREATE INDEX claims_by_expiry ON claims(expires_at);
